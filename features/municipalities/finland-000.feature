# language: sv
Egenskap: Kommunen i Finland (000) — förvaltningsstadgan, övertagningsrätten och ledningsgrupperna
  Källa: 000_e9dc561dc89d8c6d.txt (Kommunens ledning): fullmäktige delegerar beslutanderätt genom
  förvaltningsstadgan (KomL 91 §); kommundirektören leder förvaltningen och ledningsgruppen; sektorernas
  ledningsgrupper, beredskapsgruppen och beredskapsledningsgruppen. Stadgans punkter är antagna.

  Bakgrund:
    Givet kommunen "finland-000"
    Och datumet är 2025-03-01

  Scenario: Ett delegerat upphandlingsbeslut har fjorton dagars övertagningsfrist
    Givet faktumet "amount" är "50000"
    När kommundirektören ska besluta om "upphandling"
    Så får kommundirektören besluta
    Och grunden innehåller punkt "20 §" i "forvaltningsstadga"
    Och det följer "KomL 92 §"
    Och det följer en frist på 14 dagar

  Scenario: Över beloppsgränsen beslutar kommunstyrelsen i stället
    Givet faktumet "amount" är "150000"
    När kommundirektören ska besluta om "upphandling"
    Så får kommundirektören inte besluta
    Och i stället får kommunstyrelsen besluta

  Scenario: Kommunstrategin är fullmäktiges och kan inte delegeras
    När kommunstyrelsen ska besluta om "kommunstrategi"
    Så får kommunstyrelsen inte besluta
    Och skälet är "KomL 14 § p.1"
    Och i stället får fullmäktige besluta

  Scenario: Förvaltningsstadgan antas av fullmäktige
    När fullmäktige ska besluta om "forvaltningsstadga"
    Så får fullmäktige besluta

  Scenario: Budget och ekonomiplan kan kommundirektören inte besluta
    När kommundirektören ska besluta om "budget-ekonomiplan"
    Så får kommundirektören inte besluta
    Och skälet är "KomL 14 § p.3"

  Scenario: En tjänst inrättas av ett organ, aldrig av kommundirektören
    När kommundirektören ska besluta om "inratta-tjanst"
    Så får kommundirektören inte besluta
    Och skälet är "KomL 88 §"
    Och i stället får personalsektionen besluta

  Scenario: Rektorn anställer på vidaredelegering från bildningsdirektören
    Givet faktumet "within_budget" är "ja"
    När rektorn ska besluta om "anstallning-personal"
    Så får rektorn besluta
    Och grunden innehåller punkt "V1" i "bildning-vidaredelegering"
    Och det följer en frist på 14 dagar

  Scenario: Vidaredelegering får ske i ett led endast
    Givet faktumet "within_budget" är "ja"
    När biträdande rektorn ska besluta om "anstallning-personal"
    Så får biträdande rektorn inte besluta
    Och skälet är "KomL 91 §"
    Och i stället får rektorn besluta

  Scenario: Bygglov har ingen övertagningsrätt
    När byggnadsinspektören ska besluta om "bygglov"
    Så får byggnadsinspektören besluta
    Och grunden innehåller punkt "50 §" i "forvaltningsstadga"

  Scenario: Vite som administrativt tvång får delegeras endast till ett organ
    När byggnadsinspektören ska besluta om "vite"
    Så får byggnadsinspektören inte besluta
    Och skälet är "KomL 91 §"
    Och i stället får "miljo-byggnadsnamnd" besluta

  Scenario: Sektorns ledningsgrupp har som grupp ingen beslutanderätt; sektordirektören beslutar
    När "sektorledningsgrupp-bildning" ska besluta om "organisering-sektor"
    Så får "sektorledningsgrupp-bildning" inte besluta
    Och i stället får bildningsdirektören besluta

  Scenario: Kommunstyrelsens ordförande har ingen rätt att besluta i brådskande ärenden
    Givet ärendet är brådskande
    När ordföranden ska besluta om "upphandling"
    Så får ordföranden inte besluta
    Och skälet är "KomL 91 §"

  Scenario: Kommunstyrelsens ordförande får ta upp ett delegerat beslut till behandling
    När ordföranden ska besluta om "overtagande"
    Så får ordföranden besluta
    Och grunden innehåller "KomL 92 §"

  Scenario: Kommundirektören sammankallar beredskapsgruppen vid en större kris
    Givet en extraordinär händelse pågår
    När kommundirektören ska besluta om "sammankalla-beredskapsgrupp"
    Så får kommundirektören besluta
    Och grunden innehåller punkt "40 §" i "forvaltningsstadga"

  Scenario: Beredskapsledningsgruppen sammankallar inte sig själv
    När beredskapsledningsgruppen ska besluta om "sammankalla-beredskapsledningsgrupp"
    Så får beredskapsledningsgruppen inte besluta
    Och i stället får kommundirektören besluta
