# language: sv
Egenskap: KL 6:37 och 7:5 — vem en nämnd får delegera till
  En nämnd får uppdra åt sitt presidium, ett utskott, en ledamot eller ersättare (KL 6:37) eller en anställd
  (KL 7:5) att besluta på nämndens vägnar. Bara en nämnd får delegera. Sedan 2022 får en nämnd också låta
  ett ärende avgöras genom automatiserat beslutsfattande; frågor om tiden dessförinnan besvaras enligt den
  äldre lydelsen.

  Bakgrund:
    Givet en kommun i Sverige
    Och datumet är 2025-03-01

  Abstrakt Scenario: Nämnden får delegera till presidium, utskott, ledamot och anställd
    När <delegat> ska besluta om "upphandling"
    Så får <delegat> besluta
    Och grunden innehåller "<lagrum>"
    Och det följer "KL 6:40"

    Exempel:
      | delegat          | lagrum  |
      | presidiet        | KL 6:37 |
      | arbetsutskottet  | KL 6:37 |
      | ordföranden      | KL 6:37 |
      | ledamoten        | KL 6:37 |
      | kommundirektören | KL 7:5  |
      | sektorchefen     | KL 7:5  |
      | områdeschefen    | KL 7:5  |
      | enhetschefen     | KL 7:5  |
      | HR-chefen        | KL 7:5  |

  Scenario: Bara en nämnd får delegera; kommundirektören kan inte själv delegera vidare genom en egen delegationsordning
    När assistenten ska besluta om "upphandling"
    Så får assistenten inte besluta
    Och skälet är "KL 6:37"

  Abstrakt Scenario: En nämnd får inte delegera till en grupp
    När <grupp> ska besluta om "upphandling"
    Så får <grupp> inte besluta
    Och skälet är "KL 6:37"

    Exempel:
      | grupp            |
      | personalgruppen  |
      | blandade gruppen |
      | ledningsgruppen  |

  Scenario: Automatiserat beslutsfattande före ändringen 2022: delegationen saknar stöd
    Givet datumet är 2021-06-01
    När kommundirektören ska besluta om "automatiserat-beslut"
    Så får kommundirektören inte besluta
    Och skälet är "KL 6:37 (automatiserat beslutsfattande)"
    Och "KL 6:37 (automatiserat beslutsfattande)" visas som overifierad

  Scenario: Automatiserat beslutsfattande efter ändringen 2022: delegationspunkten gäller
    Givet datumet är 2023-06-01
    När kommundirektören ska besluta om "automatiserat-beslut"
    Så får kommundirektören besluta
    Och "KL 6:37 (automatiserat beslutsfattande)" visas som overifierad

  Scenario: En delegationspunkt som har upphört ger ingen beslutanderätt
    Givet datumet är 2025-03-01
    När registratorn ska besluta om "upphandling"
    Så får registratorn inte besluta
    Och skälet är "KL 7:5"
