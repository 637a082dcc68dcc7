# language: sv
Egenskap: Vara kommun — kommunstyrelsens delegationsordning, kommundirektörens instruktion och krisledningen
  Källa: 001_a7e3f395ef4744b5.txt (Arbetsinstruktion för kommundirektör, KS 2017-11-29) och
  kommunstyrelsens delegationsordning KS 2024-04-10 § 38 (punkterna antagna där källan är tyst).

  Bakgrund:
    Givet kommunen "vara"
    Och datumet är 2025-03-01

  Scenario: Kommundirektören får upphandla upp till tio prisbasbelopp
    Givet beloppet är 500 000 kr
    När kommundirektören ska besluta om "upphandling"
    Så får kommundirektören besluta
    Och grunden innehåller punkt "3.1" i "ks-do"
    Och det följer "KL 6:40"
    Och svaret bygger på ett antagande

  Scenario: Över tio prisbasbelopp är svaret nej och arbetsutskottet beslutar i stället
    Givet beloppet är 900 000 kr
    När kommundirektören ska besluta om "upphandling"
    Så får kommundirektören inte besluta
    Och i stället får "ks-au" besluta

  Scenario: Över femtio prisbasbelopp får inte heller arbetsutskottet upphandla; kommunstyrelsen själv får
    Givet beloppet är 3 000 000 kr
    När arbetsutskottet ska besluta om "upphandling"
    Så får arbetsutskottet inte besluta
    Och i stället får "ks" besluta

  Scenario: Ekonomichefen upphandlar på vidaredelegation från kommundirektören och anmäler till denne
    Givet beloppet är 100 000 kr
    När ekonomichefen ska besluta om "upphandling"
    Så får ekonomichefen besluta
    Och grunden innehåller punkt "V1" i "kd-vidaredelegation"
    Och det följer "KL 7:7"

  Scenario: Punkt 2.2 medger inte vidaredelegation, så enhetschefen har ingen grund att anställa
    När enhetschefen ska besluta om "anstallning-personal"
    Så får enhetschefen inte besluta
    Och skälet är "HFD 2012 not. 76"
    Och i stället får "kommundirektor" besluta

  Scenario: Yttrande till fullmäktige får inte delegeras till kommundirektören
    När kommundirektören ska besluta om "yttrande-till-kf"
    Så får kommundirektören inte besluta
    Och skälet är "KL 6:38 p.2"
    Och i stället får "ks" besluta

  Scenario: Yttrande till annan myndighet som inte är principiellt får kommundirektören avge
    Givet ärendet är inte av principiell beskaffenhet
    När kommundirektören ska besluta om "yttrande-annan-myndighet"
    Så får kommundirektören besluta
    Och grunden innehåller punkt "7.1" i "ks-do"

  Scenario: Ett principiellt yttrande till annan myndighet avger arbetsutskottet
    Givet ärendet är av principiell beskaffenhet
    När kommundirektören ska besluta om "yttrande-annan-myndighet"
    Så får kommundirektören inte besluta
    Och i stället får "ks-au" besluta

  Scenario: Ordföranden beslutar i brådskande ärenden och anmäler vid nästa sammanträde
    Givet ärendet är brådskande
    När ordföranden ska besluta om "upphandling"
    Så får ordföranden besluta
    Och grunden innehåller punkt "1.1" i "ks-do"
    Och det följer "KL 6:39"

  Scenario: Utan brådska har ordföranden ingen beslutanderätt
    Givet ärendet är inte brådskande
    När ordföranden ska besluta om "upphandling"
    Så får ordföranden inte besluta
    Och skälet är "KL 6:39"

  Scenario: Krisledningsnämnden tar över kommunstyrelsens ärenden under en extraordinär händelse
    Givet en extraordinär händelse pågår
    När krisledningsnämnden ska besluta om "upphandling"
    Så får krisledningsnämnden besluta
    Och grunden innehåller "LEH (2006:544)"

  Scenario: Utan extraordinär händelse tar krisledningsnämnden inte över
    Givet en extraordinär händelse inte pågår
    När krisledningsnämnden ska besluta om "upphandling"
    Så får krisledningsnämnden inte besluta

  Scenario: Instruktionen ger kommundirektören uttrycklig rätt att besluta om åtgärder vid extraordinär händelse
    Givet en extraordinär händelse pågår
    När kommundirektören ska besluta om "krisatgarder"
    Så får kommundirektören besluta
    Och grunden innehåller punkt "S2" i "kd-instruktion"

  Scenario: Instruktionen gällde inte före den nya kommunallagen
    Givet datumet är 2017-12-01
    Och en extraordinär händelse pågår
    När kommundirektören ska besluta om "krisatgarder"
    Så får kommundirektören inte besluta

  Scenario: Ett delegationsbeslut före delegationsordningens giltighet är ogiltigt
    Givet datumet är 2024-04-15
    Och beloppet är 300 000 kr
    När kommundirektören ska besluta om "upphandling"
    Så får kommundirektören inte besluta

  Scenario: Hyresavtal längre än fem år får kommundirektören inte teckna
    Givet faktumet "duration_years" är "7"
    Och faktumet "within_budget" är "ja"
    När kommundirektören ska besluta om "hyresavtal-inhyrning"
    Så får kommundirektören inte besluta
    Och i stället får "ks-au" besluta

  Scenario: Hyresavtal på fyra år inom budget får kommundirektören teckna
    Givet faktumet "duration_years" är "4"
    Och faktumet "within_budget" är "ja"
    När kommundirektören ska besluta om "hyresavtal-inhyrning"
    Så får kommundirektören besluta
    Och grunden innehåller punkt "6.1" i "ks-do"

  Scenario: En chef har samma beslutanderätt som sina underställda
    När kommundirektören ska besluta om "dokumenthanteringsplan"
    Så får kommundirektören besluta
    Och grunden innehåller punkt "A.1" i "ks-do-allmant"

  Scenario: HR-chefen är ersättare när kommundirektören inte kan anställa en förvaltningschef
    Givet faktumet "delegate_unavailable" är "ja"
    När HR-chefen ska besluta om "anstallning-forvaltningschef"
    Så får HR-chefen besluta
    Och grunden innehåller punkt "2.1" i "ks-do"

  Scenario: Årsredovisningen är fullmäktiges, inte kommundirektörens
    När kommundirektören ska besluta om "arsredovisning"
    Så får kommundirektören inte besluta
    Och skälet är "KL 5:1 p.7"
    Och i stället får "kf" besluta

  Scenario: Avrop från ramavtal är ren verkställighet
    När enhetschefen ska besluta om "avrop-ramavtal"
    Så beslutet är ren verkställighet
