# language: sv
Egenskap: KomL 38–39 §§ — kommunstyrelsen och kommundirektören
  Kommunstyrelsen leder kommunens verksamhet, förvaltning och ekonomi och sköter bl.a. arbetsgivarrollen och
  personalpolitiken (39 §); kommundirektören leder förvaltningen under kommunstyrelsen (38 §). De beslutar
  med stöd av förvaltningsstadgan.

  Bakgrund:
    Givet en kommun i Finland
    Och datumet är 2025-03-01

  Scenario: Kommunstyrelsen beslutar om personalpolitiken enligt förvaltningsstadgan
    När kommunstyrelsen ska besluta om "personalpolitik"
    Så får kommunstyrelsen besluta
    Och grunden innehåller "KomL 39 §"
    Och grunden innehåller punkt "4" i "forvaltningsstadga"

  Scenario: Kommundirektören leder förvaltningen under kommunstyrelsen
    När kommundirektören ska besluta om "forvaltningens-organisation"
    Så får kommundirektören besluta
    Och grunden innehåller "KomL 38 §"
