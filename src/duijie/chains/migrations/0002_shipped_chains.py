"""Load the chains shipped with the core (duijie_core/chains/chains.json): the 5 national
advanced-manufacturing clusters and the demo's 10 key industries, with their history."""

from django.db import migrations

from duijie.history.records import write_baseline
from duijie_core.chains.model import shipped_chains


def load(apps, schema_editor):
    Chain = apps.get_model("chains", "Chain")
    Link = apps.get_model("chains", "Link")
    Edge = apps.get_model("chains", "Edge")
    for order, shipped in enumerate(shipped_chains()):
        if Chain.objects.filter(code=shipped.id).exists():
            continue
        chain = Chain.objects.create(
            code=shipped.id, name=shipped.names.zh_hans, name_hant=shipped.names.zh_hant,
            name_en=shipped.names.en, kinds=list(shipped.kinds), order=order,
        )
        links = {
            link.id: Link.objects.create(
                chain=chain, code=link.id, name=link.names.zh_hans, name_hant=link.names.zh_hant,
                name_en=link.names.en, gbt=list(link.gbt), shenwan=list(link.shenwan),
                keywords=list(link.keywords), io_sector=link.io_sector, order=number,
            )
            for number, link in enumerate(shipped.links)
        }
        for link in shipped.links:
            for upstream in link.upstream:
                Edge.objects.create(
                    chain=chain, upstream=links[upstream], downstream=links[link.id],
                    label=f"{links[upstream].name} → {links[link.id].name}",
                )
    write_baseline(apps, "chains", "Chain", "Link", "Edge")


class Migration(migrations.Migration):
    dependencies = [("chains", "0001_chains_links_edges_placements")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
