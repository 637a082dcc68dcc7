# language: sv
Egenskap: KL 5:1 — ärenden som fullmäktige ensamt beslutar om
  Fullmäktige beslutar i ärenden av principiell beskaffenhet eller annars av större vikt, främst de nio
  punkterna i 5 kap. 1 § och det som annan lag lägger på fullmäktige (andra stycket). Inget sådant ärende
  får delegeras, av någon, till någon. Exempelkommunens dokument försöker ändå lämna över dem till alla.

  Bakgrund:
    Givet en kommun i Sverige
    Och datumet är 2025-03-01

  Abstrakt Scenario: Fullmäktige beslutar själv i ärenden enligt KL 5:1
    När kommunfullmäktige ska besluta om "<ärende>"
    Så får kommunfullmäktige besluta
    Och grunden innehåller "<lagrum>"

    Exempel:
      | ärende                | lagrum      |
      | mal-och-riktlinjer    | KL 5:1 p.1  |
      | budget                | KL 5:1 p.2  |
      | namndorganisation     | KL 5:1 p.3  |
      | val-namndledamoter    | KL 5:1 p.4  |
      | val-revisorer         | KL 5:1 p.5  |
      | arvoden               | KL 5:1 p.6  |
      | arsredovisning        | KL 5:1 p.7  |
      | folkomrostning        | KL 5:1 p.8  |
      | extra-val             | KL 5:1 p.9  |
      | fullmaktige-annan-lag | KL 5:1 st.2 |

  Abstrakt Scenario: Fullmäktige kan inte genom reglemente lämna ett KL 5:1-ärende till kommunstyrelsen
    När kommunstyrelsen ska besluta om "<ärende>"
    Så får kommunstyrelsen inte besluta
    Och skälet är "<lagrum>"
    Och i stället får kommunfullmäktige besluta

    Exempel:
      | ärende                | lagrum      |
      | mal-och-riktlinjer    | KL 5:1 p.1  |
      | budget                | KL 5:1 p.2  |
      | namndorganisation     | KL 5:1 p.3  |
      | val-namndledamoter    | KL 5:1 p.4  |
      | val-revisorer         | KL 5:1 p.5  |
      | arvoden               | KL 5:1 p.6  |
      | arsredovisning        | KL 5:1 p.7  |
      | folkomrostning        | KL 5:1 p.8  |
      | extra-val             | KL 5:1 p.9  |
      | fullmaktige-annan-lag | KL 5:1 st.2 |

  Abstrakt Scenario: Ingen delegat får besluta i ett KL 5:1-ärende, hur delegationsordningen än lyder
    Givet beslutsfattaren är inte jävig
    När <delegat> ska besluta om "<ärende>"
    Så får <delegat> inte besluta
    Och skälet är "<lagrum>"

    Exempel:
      | delegat          | ärende                | lagrum      |
      | kommundirektören | mal-och-riktlinjer    | KL 5:1 p.1  |
      | kommundirektören | budget                | KL 5:1 p.2  |
      | arbetsutskottet  | budget                | KL 5:1 p.2  |
      | presidiet        | namndorganisation     | KL 5:1 p.3  |
      | ledamoten        | val-namndledamoter    | KL 5:1 p.4  |
      | förvaltningschef | val-revisorer         | KL 5:1 p.5  |
      | sektorchefen     | arvoden               | KL 5:1 p.6  |
      | områdeschefen    | arsredovisning        | KL 5:1 p.7  |
      | enhetschefen     | folkomrostning        | KL 5:1 p.8  |
      | HR-chefen        | extra-val             | KL 5:1 p.9  |
      | kommundirektören | fullmaktige-annan-lag | KL 5:1 st.2 |

  Abstrakt Scenario: Inte heller vidaredelegation når ett KL 5:1-ärende
    Givet beslutsfattaren är inte jävig
    När handläggaren ska besluta om "<ärende>"
    Så får handläggaren inte besluta
    Och skälet är "<lagrum>"

    Exempel:
      | ärende                | lagrum      |
      | mal-och-riktlinjer    | KL 5:1 p.1  |
      | budget                | KL 5:1 p.2  |
      | namndorganisation     | KL 5:1 p.3  |
      | val-namndledamoter    | KL 5:1 p.4  |
      | val-revisorer         | KL 5:1 p.5  |
      | arvoden               | KL 5:1 p.6  |
      | arsredovisning        | KL 5:1 p.7  |
      | folkomrostning        | KL 5:1 p.8  |
      | extra-val             | KL 5:1 p.9  |
      | fullmaktige-annan-lag | KL 5:1 st.2 |

  Abstrakt Scenario: Ordförandens befogenhet i brådskande ärenden når aldrig ett KL 5:1-ärende
    Givet ärendet är brådskande
    Och beslutsfattaren är inte jävig
    När ordföranden ska besluta om "<ärende>"
    Så får ordföranden inte besluta
    Och skälet är "<lagrum>"

    Exempel:
      | ärende                | lagrum      |
      | mal-och-riktlinjer    | KL 5:1 p.1  |
      | budget                | KL 5:1 p.2  |
      | namndorganisation     | KL 5:1 p.3  |
      | val-namndledamoter    | KL 5:1 p.4  |
      | val-revisorer         | KL 5:1 p.5  |
      | arvoden               | KL 5:1 p.6  |
      | arsredovisning        | KL 5:1 p.7  |
      | folkomrostning        | KL 5:1 p.8  |
      | extra-val             | KL 5:1 p.9  |
      | fullmaktige-annan-lag | KL 5:1 st.2 |

  Abstrakt Scenario: Krisledningsnämnden tar inte över ett KL 5:1-ärende ens under en extraordinär händelse
    Givet en extraordinär händelse pågår
    När krisledningsnämnden ska besluta om "<ärende>"
    Så får krisledningsnämnden inte besluta
    Och skälet är "<lagrum>"

    Exempel:
      | ärende                | lagrum      |
      | mal-och-riktlinjer    | KL 5:1 p.1  |
      | budget                | KL 5:1 p.2  |
      | namndorganisation     | KL 5:1 p.3  |
      | val-namndledamoter    | KL 5:1 p.4  |
      | val-revisorer         | KL 5:1 p.5  |
      | arvoden               | KL 5:1 p.6  |
      | arsredovisning        | KL 5:1 p.7  |
      | folkomrostning        | KL 5:1 p.8  |
      | extra-val             | KL 5:1 p.9  |
      | fullmaktige-annan-lag | KL 5:1 st.2 |

  Abstrakt Scenario: Ingen grupp får besluta i ett KL 5:1-ärende
    När <grupp> ska besluta om "budget"
    Så får <grupp> inte besluta
    Och skälet är "KL 5:1 p.2"

    Exempel:
      | grupp              |
      | personalgruppen    |
      | blandade gruppen   |
      | ledningsgruppen    |
