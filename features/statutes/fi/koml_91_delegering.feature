# language: sv
Egenskap: KomL 91 § — delegering genom förvaltningsstadgan
  Fullmäktige delegerar behörighet endast i förvaltningsstadgan (inte genom reglemente, instruktion eller
  ett särskilt beslut) till organ, förtroendevalda och tjänsteinnehavare. Stadgan kan tillåta mottagaren att
  delegera vidare i ett led. Ärenden om administrativt tvång får delegeras endast till ett organ. Det finns
  ingen motsvarighet till KL 6:39: ordföranden har ingen egen befogenhet i brådskande ärenden.

  Bakgrund:
    Givet en kommun i Finland
    Och datumet är 2025-03-01

  Abstrakt Scenario: Förvaltningsstadgan ger organ, förtroendevalda och tjänsteinnehavare beslutanderätt
    När <delegat> ska besluta om "upphandling"
    Så får <delegat> besluta
    Och grunden innehåller punkt "1" i "forvaltningsstadga"
    Och grunden innehåller "KomL 91 §"

    Exempel:
      | delegat             |
      | kommunstyrelsen     |
      | sektionen           |
      | ordföranden         |
      | kommundirektören    |
      | bildningsdirektören |

  Scenario: Ett reglemente är ingen grund för beslutanderätt i Finland
    När kommunstyrelsen ska besluta om "representation"
    Så får kommunstyrelsen inte besluta
    Och skälet är "KomL 91 §"
    Och i stället får fullmäktige besluta

  Scenario: Kommunstyrelsen kan inte delegera genom ett eget beslut utanför förvaltningsstadgan
    När registratorn ska besluta om "upphandling"
    Så får registratorn inte besluta
    Och skälet är "KomL 91 §"

  Scenario: En instruktion ger ingen beslutanderätt
    När assistenten ska besluta om "upphandling"
    Så får assistenten inte besluta
    Och skälet är "KomL 91 §"

  Abstrakt Scenario: Behörighet delegeras inte till en grupp
    När <grupp> ska besluta om "upphandling"
    Så får <grupp> inte besluta
    Och skälet är "KomL 91 §"

    Exempel:
      | grupp            |
      | personalgruppen  |
      | blandade gruppen |
      | ledningsgruppen  |

  Scenario: Vidaredelegering i ett led där förvaltningsstadgan tillåter det
    När handläggaren ska besluta om "upphandling"
    Så får handläggaren besluta
    Och grunden innehåller punkt "V1" i "bd-vidaredelegering"

  Scenario: Ingen vidaredelegering i ett andra led
    När praktikanten ska besluta om "upphandling"
    Så får praktikanten inte besluta
    Och skälet är "KomL 91 §"

  Scenario: Ingen vidaredelegering där förvaltningsstadgan inte tillåter det
    När assistenten ska besluta om "upphandling"
    Så får assistenten inte besluta
    Och skälet är "KomL 91 §"

  Abstrakt Scenario: Administrativt tvång får delegeras till ett organ
    När <organ> ska besluta om "vite"
    Så får <organ> besluta

    Exempel:
      | organ            |
      | kommunstyrelsen  |
      | bildningsnämnden |
      | sektionen        |

  Abstrakt Scenario: Administrativt tvång får inte delegeras till en person
    När <person> ska besluta om "vite"
    Så får <person> inte besluta
    Och skälet är "KomL 91 §"
    Och i stället får kommunstyrelsen besluta

    Exempel:
      | person              |
      | kommundirektören    |
      | ordföranden         |
      | bildningsdirektören |
      | handläggaren        |

  Abstrakt Scenario: Ordföranden har ingen befogenhet i brådskande ärenden (ingen motsvarighet till KL 6:39)
    Givet ärendet är brådskande
    När ordföranden ska besluta om "<ärende>"
    Så får ordföranden inte besluta
    Och skälet är "KomL 91 §"

    Exempel:
      | ärende         |
      | representation |
      | anstallning    |

  Scenario: Den som förvaltningsstadgan inte ger behörighet får inte besluta
    När sektorchefen ska besluta om "anstallning"
    Så får sektorchefen inte besluta
    Och skälet är "KomL 91 §"
    Och i stället får kommundirektören besluta
