"""Industry-chain analysis (產業鏈招商): chains as data, firms on links, link strength per region.

Pure: no Django, no database. The pieces, in the order they are used:

- :mod:`.model` — chains (directed graphs of links), their validation, the shipped definitions;
- :mod:`.knowledge` — the listed-company knowledge graph (a folder shaped like chain_kg),
  with the conflicts it carries;
- :mod:`.regions` — administrative divisions and a firm's headquarters region;
- :mod:`.placement` — firms on links (industry, weighted products, lexical text) with evidence;
- :mod:`.strength` — link strength per region, labels, leaders, upstream gaps, targets;
- :mod:`.quality` — placement measured on the listed companies;
- :mod:`.phrases` — sentences for every code in zh-Hant, zh-Hans and en;
- :mod:`.cli` — ``duijie chains analyse`` and ``duijie chains evaluate``.
"""
