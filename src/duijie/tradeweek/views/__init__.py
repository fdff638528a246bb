"""Trade-week pages: thin callers of :mod:`duijie.tradeweek.services`."""
