# language: sv
Egenskap: KomL 14 § — ärenden som fullmäktige ensamt beslutar om (Finland)
  Fullmäktige beslutar om kommunstrategin, förvaltningsstadgan, budget och ekonomiplan, ägarstyrning och
  koncerndirektiv, mål för affärsverk, placering av medel, intern kontroll och riskhantering, grunder för
  avgifter, borgen för annans skuld, val av medlemmar i organ, grunder för ekonomiska förmåner, val av
  revisorer, bokslut och ansvarsfrihet, och det som annan lag lägger på fullmäktige. Ingen av dessa
  uppgifter kan delegeras. Punkternas numrering och ordalydelse (ändrade 2021) är inte kontrollerade.

  Bakgrund:
    Givet en kommun i Finland
    Och datumet är 2025-03-01

  Abstrakt Scenario: Fullmäktige beslutar själv i ärenden enligt KomL 14 §
    När fullmäktige ska besluta om "<ärende>"
    Så får fullmäktige besluta
    Och grunden innehåller "<lagrum>"
    Och "<lagrum>" visas som overifierad

    Exempel:
      | ärende                | lagrum               |
      | kommunstrategi        | KomL 14 § p.1        |
      | forvaltningsstadga    | KomL 14 § p.2        |
      | budget                | KomL 14 § p.3        |
      | agarstyrning          | KomL 14 § p.4        |
      | affarsverk            | KomL 14 § p.5        |
      | placering             | KomL 14 § p.6        |
      | intern-kontroll       | KomL 14 § p.7        |
      | avgifter              | KomL 14 § p.8        |
      | borgen                | KomL 14 § p.9        |
      | val-organ             | KomL 14 § p.10       |
      | arvoden               | KomL 14 § p.11       |
      | val-revisorer         | KomL 14 § p.12       |
      | bokslut               | KomL 14 § p.13       |
      | fullmaktige-annan-lag | KomL 14 § annan lag  |

  Abstrakt Scenario: Förvaltningsstadgan kan inte lämna ett ärende enligt KomL 14 § till kommunstyrelsen
    När kommunstyrelsen ska besluta om "<ärende>"
    Så får kommunstyrelsen inte besluta
    Och skälet är "<lagrum>"
    Och i stället får fullmäktige besluta

    Exempel:
      | ärende                | lagrum               |
      | kommunstrategi        | KomL 14 § p.1        |
      | forvaltningsstadga    | KomL 14 § p.2        |
      | budget                | KomL 14 § p.3        |
      | agarstyrning          | KomL 14 § p.4        |
      | affarsverk            | KomL 14 § p.5        |
      | placering             | KomL 14 § p.6        |
      | intern-kontroll       | KomL 14 § p.7        |
      | avgifter              | KomL 14 § p.8        |
      | borgen                | KomL 14 § p.9        |
      | val-organ             | KomL 14 § p.10       |
      | arvoden               | KomL 14 § p.11       |
      | val-revisorer         | KomL 14 § p.12       |
      | bokslut               | KomL 14 § p.13       |
      | fullmaktige-annan-lag | KomL 14 § annan lag  |

  Abstrakt Scenario: Ingen förtroendevald, tjänsteinnehavare eller grupp får besluta i ett ärende enligt KomL 14 §
    När <delegat> ska besluta om "<ärende>"
    Så får <delegat> inte besluta
    Och skälet är "<lagrum>"

    Exempel:
      | delegat             | ärende                | lagrum              |
      | kommundirektören    | kommunstrategi        | KomL 14 § p.1       |
      | bildningsnämnden    | forvaltningsstadga    | KomL 14 § p.2       |
      | kommundirektören    | budget                | KomL 14 § p.3       |
      | sektionen           | agarstyrning          | KomL 14 § p.4       |
      | presidiet           | affarsverk            | KomL 14 § p.5       |
      | ordföranden         | placering             | KomL 14 § p.6       |
      | ledamoten           | intern-kontroll       | KomL 14 § p.7       |
      | bildningsdirektören | avgifter              | KomL 14 § p.8       |
      | sektorchefen        | borgen                | KomL 14 § p.9       |
      | områdeschefen       | val-organ             | KomL 14 § p.10      |
      | enhetschefen        | arvoden               | KomL 14 § p.11      |
      | HR-chefen           | val-revisorer         | KomL 14 § p.12      |
      | beredskapsorganet   | bokslut               | KomL 14 § p.13      |
      | ledningsgruppen     | fullmaktige-annan-lag | KomL 14 § annan lag |

  Abstrakt Scenario: Inte heller vidaredelegering når ett ärende enligt KomL 14 §
    När handläggaren ska besluta om "<ärende>"
    Så får handläggaren inte besluta
    Och skälet är "<lagrum>"

    Exempel:
      | ärende         | lagrum        |
      | kommunstrategi | KomL 14 § p.1 |
      | budget         | KomL 14 § p.3 |

  Scenario: Inte heller ordföranden i ett brådskande fall får besluta i ett ärende enligt KomL 14 §
    Givet ärendet är brådskande
    När ordföranden ska besluta om "budget"
    Så får ordföranden inte besluta
    Och skälet är "KomL 14 § p.3"
