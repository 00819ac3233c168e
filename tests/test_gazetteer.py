"""The offline gazetteer: built from packaged data, looked up by name, variants and near spellings."""

from __future__ import annotations

import pytest

from polemos.gazetteer.names import fold, strip_adjectival, translit


@pytest.fixture(scope="module")
def gaz():
    from polemos.gazetteer.index import get_gazetteer

    return get_gazetteer()


def test_fold_and_transliteration_keys():
    assert fold("Xankəndi") == "xankandi"
    assert fold("Nagorno-Karabakh") == fold("Nagorno Karabakh")
    assert translit(fold("Xocavənd")) == translit(fold("Khojavand"))
    assert strip_adjectival("khodzhaveskiy") == "khodzhave"


def test_countries_divisions_and_towns_are_indexed(gaz):
    kinds = {c.feature_code for c in gaz.exact("Georgia")}
    assert {"PCLI", "ADM1"} <= kinds  # the country and the US state
    baku = max(gaz.exact("Baku"), key=lambda c: c.population)
    assert baku.feature_code == "PPLC" and baku.country_code == "AZ"
    assert abs(baku.latitude - 40.4) < 0.2


def test_alternate_names_join_one_city(gaz):
    ids = {c.geonameid for name in ("Stepanakert", "Khankendi", "Xankandi") for c in gaz.exact(name) if c.is_town}
    assert len(ids) == 1


def test_regions_file_entries_with_aliases(gaz):
    for name in ("Nagorno-Karabakh", "Artsakh", "Gaza Strip", "Donbass", "Sahel", "Middle East"):
        assert gaz.exact(name), name


def test_fuzzy_lookup_finds_a_russian_style_adjective(gaz):
    found = gaz.lookup("Khodzhaveskiy")
    assert found and max(found, key=lambda c: c.fuzzy).name == "Khojavend"
    assert not gaz.lookup("Qwertyuiop")


def test_cli_lookup_and_info(cli):
    result = cli("gazetteer", "lookup", "Georgia", "--limit", "2")
    assert result.exit_code == 0
    assert '"PCLI"' in result.stdout.splitlines()[0]
    info = cli("gazetteer", "info")
    assert "places:" in info.stdout
    missing = cli("gazetteer", "lookup", "Zzzxqwv")
    assert missing.exit_code == 1
