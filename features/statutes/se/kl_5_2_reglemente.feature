# language: sv
Egenskap: KL 5:2 — fullmäktige uppdrar åt nämnder att besluta i dess ställe
  Fullmäktige får genom reglemente (KL 6:44) uppdra åt en nämnd att besluta i ett ärende eller en grupp av
  ärenden i sitt ställe, men bara åt en nämnd: aldrig åt ett utskott, en ledamot eller en anställd.

  Bakgrund:
    Givet en kommun i Sverige
    Och datumet är 2025-03-01

  Scenario: Kommunstyrelsen beslutar i fullmäktiges ställe i ett ärende som reglementet ger den
    När kommunstyrelsen ska besluta om "upphandling"
    Så får kommunstyrelsen besluta
    Och grunden innehåller "KL 5:2"
    Och grunden innehåller punkt "1" i "reglemente"

  Scenario: Sedan fullmäktige uppdragit ärendet åt kommunstyrelsen beslutar fullmäktige inte själv i det
    När kommunfullmäktige ska besluta om "upphandling"
    Så får kommunfullmäktige inte besluta
    Och skälet är "KL 5:2"
    Och i stället får kommunstyrelsen besluta

  Scenario: Fullmäktige kan inte uppdra beslutanderätt direkt åt en anställd
    När registratorn ska besluta om "upphandling"
    Så får registratorn inte besluta
    Och skälet är "KL 5:2"

  Scenario: Fullmäktige kan inte uppdra beslutanderätt direkt åt ett utskott
    När arbetsutskottet ska besluta om "anstallning"
    Så får arbetsutskottet inte besluta
    Och skälet är "KL 5:2"

  Scenario: Reglementsbestämmelsen KL 6:44 visas som overifierad
    När kommunstyrelsen ska besluta om "upphandling"
    Så får kommunstyrelsen besluta
    Och "KL 6:44" visas som overifierad
