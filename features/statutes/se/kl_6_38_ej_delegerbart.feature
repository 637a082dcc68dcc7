# language: sv
Egenskap: KL 6:38 — ärenden som en nämnd inte får delegera
  En nämnd får inte delegera ärenden om verksamhetens mål, inriktning, omfattning eller kvalitet (p.1),
  framställningar och yttranden till fullmäktige (p.2), myndighetsutövning mot enskilda av principiell
  beskaffenhet eller annars av större vikt (p.3), medborgarförslag som fullmäktige överlåtit (p.4) och
  ärenden som enligt annan författning inte får delegeras (p.5). Nämnden beslutar dem själv.

  Bakgrund:
    Givet en kommun i Sverige
    Och datumet är 2025-03-01

  Abstrakt Scenario: Nämnden beslutar själv i ärenden enligt KL 6:38
    När kommunstyrelsen ska besluta om "<ärende>"
    Så får kommunstyrelsen besluta
    Och grunden innehåller "<lagrum>"

    Exempel:
      | ärende             | lagrum     |
      | verksamhetsplan    | KL 6:38 p.1 |
      | delegationsordning | KL 6:38 p.1 |
      | yttrande-till-kf   | KL 6:38 p.2 |
      | myndighetsutovning | KL 6:38 p.3 |
      | medborgarforslag   | KL 6:38 p.4 |
      | ej-delegerbart     | KL 6:38 p.5 |

  Abstrakt Scenario: Ingen delegat får besluta i ett ärende som nämnden inte får delegera
    När <delegat> ska besluta om "<ärende>"
    Så får <delegat> inte besluta
    Och skälet är "<lagrum>"
    Och i stället får kommunstyrelsen besluta

    Exempel:
      | delegat          | ärende             | lagrum      |
      | kommundirektören | verksamhetsplan    | KL 6:38 p.1 |
      | arbetsutskottet  | delegationsordning | KL 6:38 p.1 |
      | kommundirektören | yttrande-till-kf   | KL 6:38 p.2 |
      | presidiet        | yttrande-till-kf   | KL 6:38 p.2 |
      | förvaltningschef | medborgarforslag   | KL 6:38 p.4 |
      | ledamoten        | medborgarforslag   | KL 6:38 p.4 |
      | enhetschefen     | ej-delegerbart     | KL 6:38 p.5 |
      | handläggaren     | ej-delegerbart     | KL 6:38 p.5 |
      | handläggaren     | yttrande-till-kf   | KL 6:38 p.2 |

  Scenario: Myndighetsutövning av principiell beskaffenhet får inte delegeras
    Givet ärendet är av principiell beskaffenhet
    När kommundirektören ska besluta om "myndighetsutovning"
    Så får kommundirektören inte besluta
    Och skälet är "KL 6:38 p.3"

  Scenario: Myndighetsutövning som inte är av principiell beskaffenhet får delegeras
    Givet ärendet är inte av principiell beskaffenhet
    När kommundirektören ska besluta om "myndighetsutovning"
    Så får kommundirektören besluta
    Och grunden innehåller "KL 7:5"

  Scenario: Om det inte är känt om ärendet är principiellt beror svaret på det
    När kommundirektören ska besluta om "myndighetsutovning"
    Så beror svaret på "principled"
