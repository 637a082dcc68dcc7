# language: sv
Egenskap: Vara kommun — kommundirektörens beslutanderätt enligt kommunstyrelsens delegationsordning

  Bakgrund:
    Givet kommunen "vara"
    Och datumet är 2025-03-01

  Scenario: Kommundirektören får upphandla inom tio prisbasbelopp
    Givet beloppet är 300 000 kr
    När kommundirektören ska besluta om "upphandling"
    Så får kommundirektören besluta
    Och grunden innehåller punkt "3.1" i "ks-do"
    Och det följer "KL 6:40"

  Scenario: Över tio prisbasbelopp får kommundirektören inte upphandla; utskottet får
    Givet beloppet är 900 000 kr
    När kommundirektören ska besluta om "upphandling"
    Så får kommundirektören inte besluta
    Och i stället får "ks-au" besluta

  Scenario: Utan belopp beror svaret på beloppet
    När kommundirektören ska besluta om "upphandling"
    Så beror svaret på "amount"

  Scenario: Budgeten är fullmäktiges ensak
    När kommunstyrelsen ska besluta om "budget"
    Så får kommunstyrelsen inte besluta
    Och skälet är "KL 5:1 p.2"
