"""Free-text questions: the actor, the matter and the facts a clerk's question names, in Swedish and English."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cli import freetext
from engine import api, search
from engine.errors import UsageError

# (municipality, question, expected actor id, expected matter id, facts the text states)
CASES = [
    ('vara', 'Får kommundirektören teckna ett hyresavtal på fem år?', 'kommundirektor', 'hyresavtal-inhyrning', {'duration_years': 5}),
    ('vara', 'Can the director sign a five-year lease?', 'kommundirektor', 'hyresavtal-inhyrning', {'duration_years': 5}),
    ('vara', 'Får ekonomichefen upphandla för 300 000 kr?', 'ekonomichef', 'upphandling', {'amount': 300000}),
    ('vara', 'Får HR-chefen anställa personal?', 'hr-chef', 'anstallning-personal', {}),
    ('vara', 'Får kommunstyrelsen yttra sig till fullmäktige?', 'ks', 'yttrande-till-kf', {}),
    ('vara', 'Får rektorn säga upp en medarbetare?', 'rektor', 'uppsagning-personal', {}),
    ('vara', 'Får KS besluta om budgeten?', 'ks', 'budget', {}),
    ('vara', 'May the chair decide an urgent procurement of 2 mkr?', 'ks-ordf', 'upphandling', {'amount': 2000000, 'urgent': True}),
    ('vara', 'Får kommundirektören anställa en förvaltningschef?', 'kommundirektor', 'anstallning-forvaltningschef', {}),
    ('vara', 'Får kanslichefen avslå en begäran om allmän handling?', 'kanslichef', 'utlamnande-allman-handling', {}),
    ('vara', 'Can the head of finance write off a claim of 50 000 SEK?', 'ekonomichef', 'avskrivning-fordran', {'amount': 50000}),
    ('vara', 'Får ordföranden besluta i brådskande ärenden om upplåning?', 'ks-ordf', 'upplaning', {'urgent': True}),
    ('vara', 'Får kommunchefen avropa från ramavtal?', 'kommundirektor', 'avrop-ramavtal', {}),
    ('vara', 'Får krisledningsnämnden bestämma över verksamheten vid en extraordinär händelse?', 'krisledningsnamnd', 'styra-verksamhet-vid-kris', {'extraordinary_event': True}),
    ('vara', 'Får kommundirektören sammankalla krisledningsgruppen?', 'kommundirektor', 'sammankalla-krisledningsgrupp', {}),
    ('vara', 'Får arbetsutskottet besluta om föreningsbidrag på 20 tkr?', 'ks-au', 'foreningsbidrag', {'amount': 20000}),
    ('vara', 'Can the executive board set the tax rate?', 'ks', 'skattesats', {}),
    ('vara', 'Får fullmäktige anta kommunens mål och riktlinjer?', 'kf', 'mal-riktlinjer', {}),
    ('vara', 'Får bildningschefen bevilja tjänstledighet?', 'bildningschef', 'tjanstledighet', {}),
    ('vara', 'Får socialchefen förbjuda en bisyssla?', 'socialchef', 'bisyssla', {}),
    ('vara', 'Can the municipal director appoint a representative in court?', 'kommundirektor', 'ombud', {}),
    ('vara', 'Får kommundirektören lönesätta förvaltningschefer?', 'kommundirektor', 'lonesattning-forvaltningschef', {}),
    ('vara', 'Får ekonomichefen placera likvida medel?', 'ekonomichef', 'placering-medel', {}),
    ('vara', 'Får kanslichefen besluta om gallring?', 'kanslichef', 'dokumenthanteringsplan', {}),
    ('vara', 'May the head of HR sign local collective agreements?', 'hr-chef', 'lokala-kollektivavtal', {}),
    ('vara', 'Får kommundirektören yttra sig till länsstyrelsen?', 'kommundirektor', 'yttrande-annan-myndighet', {}),
    ('vara', 'Får samhällsbyggnadschefen hyra ut lokaler i tre år?', 'samhallsbyggnadschef', 'uthyrning-lokaler', {'duration_years': 3}),
    ('vara', 'Får KS anställa kommundirektören?', 'ks', 'anstallning-kommundirektor', {}),
    ('vara', 'Can the council adopt the annual report?', 'kf', 'arsredovisning', {}),
    ('vara', 'Får kommundirektören ansöka om statsbidrag?', 'kommundirektor', 'ansokan-externa-medel', {}),
    ('vara', 'May the director cancel a procurement worth 400,000 SEK?', 'kommundirektor', 'avbryta-upphandling', {'amount': 400000}),
    ('vara', 'Får kommundirektören sälja inventarier för 10 000 kronor?', 'kommundirektor', 'forsaljning-los-egendom', {'amount': 10000}),
    ('vara', 'Får ekonomichefen utse attestanter?', 'ekonomichef', 'utse-attestanter', {}),
    ('vara', 'Can the director decide on damages of 100 000 kr?', 'kommundirektor', 'skadestand', {'amount': 100000}),
    ('vara', 'Får kommundirektören teckna ett arrendeavtal?', 'kommundirektor', 'arrendeavtal', {}),
    ('vara', 'Får vice ordföranden fatta beslut i ett brådskande ärende om upphandling?', 'ks-vice-ordf', 'upphandling', {'urgent': True}),
    ('vara', 'Får enhetschefen lönesätta vid nyanställning?', 'enhetschef', 'lonesattning-personal', {}),
    ('vara', 'Får kommundirektören yttra sig när ett delegationsbeslut överklagats?', 'kommundirektor', 'yttrande-overklagat-delegationsbeslut', {}),
    ('gotene', 'Får kommunchefen anställa personal?', 'kommunchef', 'anstallning', {}),
    ('gotene', 'Får sektorschefen för utbildning säga upp en medarbetare?', 'sektorchef-utbildning', 'entledigande', {}),
    ('gotene', 'Får områdeschefen för grundskola sätta lön?', 'omradeschef-grundskola', 'lonesattning', {}),
    ('gotene', 'Får rektor skolenhet 1 anställa en lärare?', 'enhetschef-skola-1', 'anstallning', {}),
    ('gotene', 'Can the municipal director decide who sits in the management groups?', 'kommunchef', 'ledningsgrupp-sammansattning', {}),
    ('gotene', 'Får ledningsgruppen Verksamhet fatta slutgiltiga beslut?', 'lg-verksamhet', 'ledningsgrupp-beslut', {}),
    ('gotene', 'May the head of care sector dismiss staff?', 'sektorchef-omsorg', 'entledigande', {}),
    ('gotene', 'Får hemtjänstchefen anställa personal?', 'enhetschef-hemtjanst', 'anstallning', {}),
    ('gotene', 'Får omsorgschefen lönesätta?', 'sektorchef-omsorg', 'lonesattning', {}),
    ('gotene', 'Får kommunstyrelsen anta medarbetar- och ledningsstrategin?', 'ks', 'medarbetar-ledningsstrategi', {}),
    ('gotene', 'Can the unit manager of residential care hire staff?', 'enhetschef-sarskilt-boende', 'anstallning', {}),
    ('partille', 'Får kommundirektören utse kommunledningsgruppen?', 'kommundirektor', 'utse-kommunledningsgrupp', {}),
    ('partille', 'Får HR-chefen besluta om ingångslön?', 'hr-chef', 'lonesattning-personal', {}),
    ('partille', 'Får kommunstyrelsen anställa kommundirektör?', 'ks', 'anstallning-kommundirektor', {}),
    ('partille', 'Can the director lead the crisis management?', 'kommundirektor', 'leda-krisledningsarbete', {}),
    ('partille', 'Får avdelningschefen anställa en medarbetare?', 'avdelningschef', 'anstallning-personal', {}),
    ('partille', 'Får kommunstyrelsens ordförande lönesätta kommundirektören?', 'ks-ordf', 'lonesattning-kommundirektor', {}),
    ('partille', 'Får kommundirektören verkställa kommunstyrelsens beslut?', 'kommundirektor', 'verkstalla-ks-beslut', {}),
    ('partille', 'Who sets the guidelines for pay formation? Får KS besluta om riktlinjer för lönebildning?', 'ks', 'lonebildning-riktlinjer', {}),
    ('kramfors', 'Får biståndshandläggaren bevilja hemtjänst?', 'bistandshandlaggare', 'bistand-hemtjanst', {}),
    ('kramfors', 'Får socialnämnden anta sin verksamhetsplan?', 'sn', 'verksamhetsplan-sn', {}),
    ('kramfors', 'Får socialchefen anställa personal?', 'socialchef', 'anstallning-personal', {}),
    ('kramfors', "Can the council adopt the municipality's vision?", 'kf', 'vision', {}),
    ('kramfors', 'Får enhetschefen för hemtjänsten genomföra aktiviteter i verksamhetsplanen?', 'enhetschef-hemtjanst', 'aktiviteter', {}),
    ('kramfors', 'Får barn- och utbildningsnämnden besluta om sina nämndmål?', 'bun', 'namndmal-bun', {}),
    ('kramfors', 'May the social services board make a statement to the council?', 'sn', 'yttrande-till-kf', {}),
    ('finland-000', 'Får byggnadsinspektören bevilja bygglov?', 'byggnadsinspektor', 'bygglov', {}),
    ('finland-000', 'Får kommundirektören upphandla för 50 000 euro?', 'kommundirektor', 'upphandling', {'amount': 50000}),
    ('finland-000', 'Kan kommunstyrelsen ta upp ett delegerat ärende till behandling?', 'kst', 'overtagande', {}),
    ('finland-000', 'Får socialarbetaren besluta om utkomststöd?', 'socialarbetare', 'utkomststod', {}),
    ('finland-000', 'Can the building board impose a conditional fine?', 'miljo-byggnadsnamnd', 'vite', {}),
    ('finland-000', 'Får bildningsdirektören anställa personal?', 'sektordirektor-bildning', 'anstallning-personal', {}),
    ('finland-000', 'Får fullmäktige godkänna budget och ekonomiplan?', 'fullmaktige', 'budget-ekonomiplan', {}),
    ('finland-000', 'Får kommundirektören sammankalla beredskapsgruppen?', 'kommundirektor', 'sammankalla-beredskapsgrupp', {}),
    ('finland-000', 'Får personalchefen inrätta en tjänst?', 'personalchef', 'inratta-tjanst', {}),
    ('finland-000', 'May the head teacher hire staff?', 'rektor', 'anstallning-personal', {}),
    ('vara', 'Får kommundirektorn anställa personal?', 'kommundirektor', 'anstallning-personal', {}),
    ('vara', "Can the CFO borrow money within the council's limit?", 'ekonomichef', 'upplaning', {}),
    ('vara', 'Får personalchefen teckna kollektivavtal?', 'hr-chef', 'lokala-kollektivavtal', {}),
    ('vara', 'Får kommunalrådet besluta om skadestånd i ett akut ärende?', 'ks-ordf', 'skadestand', {'urgent': True}),
    ('vara', 'Får kommundirektören hyra in lokaler för 500 tkr inom budget?', 'kommundirektor', 'hyresavtal-inhyrning', {'amount': 500000, 'within_budget': True}),
    ('vara', 'Kan kommundirektören besluta om ett remissvar som inte är principiellt?', 'kommundirektor', 'yttrande-annan-myndighet', {'principled': False}),
    ('vara', 'May the principal grant a leave of absence?', 'rektor', 'tjanstledighet', {}),
    ('vara', 'Får ekonomichefen omfördela medel inom budgetramen?', 'ekonomichef', 'omfordelning-budget-ks', {}),
    ('vara', 'Can the director release a public document with a reservation?', 'kommundirektor', 'utlamnande-med-forbehall', {}),
    ('vara', 'Får kommundirektören besluta om avgångsvederlag?', 'kommundirektor', 'sarskild-avtalspension', {}),
    ('vara', 'Can the chief executive fire an employee?', 'kommundirektor', 'uppsagning-personal', {}),
    ('vara', 'Får HR-chefen avskeda en anställd?', 'hr-chef', 'uppsagning-personal', {}),
    ('vara', 'Får kommundirektören köpa in datorer för 200 000 kr?', 'kommundirektor', 'upphandling', {'amount': 200000}),
    ('vara', 'Får AU ge bidrag till en förening?', 'ks-au', 'foreningsbidrag', {}),
    ('gotene', 'May the director set the pay of directly subordinate staff?', 'kommunchef', 'lonesattning', {}),
    ('partille', 'Får kommunledningsgruppen besluta om budgeten?', 'kommunledningsgrupp', 'budget', {}),
    ('kramfors', 'Får kommunchefen anställa personal inom socialförvaltningen?', 'kommunchef', 'anstallning-personal', {}),
    ('finland-000', 'Får tekniska direktören upphandla?', 'sektordirektor-teknik', 'upphandling', {}),
    ('finland-000', 'Can the council adopt the municipal strategy?', 'fullmaktige', 'kommunstrategi', {}),
    ('finland-000', 'Får ledningsgruppen organisera sektorns personalresurser?', 'ledningsgrupp', 'organisering-sektor', {}),
    ('vara', 'Vem är det som får anställa en ny socialchef – får kommundirektören det?', 'kommundirektor', 'anstallning-forvaltningschef', {}),
    ('vara', 'Får ekonomichefen ta upp ett lån på 5 miljoner kronor?', 'ekonomichef', 'upplaning', {'amount': 5000000}),
    ('vara', 'Is the municipal director allowed to refuse access to an official document?', 'kommundirektor', 'utlamnande-allman-handling', {}),
    ('vara', 'Får kanslichefen fastställa dokumenthanteringsplanen?', 'kanslichef', 'dokumenthanteringsplan', {}),
    ('vara', 'Får kommundirektören skriva av en kundfordran på 30 000 kr?', 'kommundirektor', 'avskrivning-fordran', {'amount': 30000}),
    ('vara', 'Får KS ordförande ändra skattesatsen i ett brådskande läge?', 'ks-ordf', 'skattesats', {'urgent': True}),
    ('vara', 'Can the executive committee award a contract for 1.5 million SEK?', 'ks-au', 'upphandling', {'amount': 1500000}),
    ('vara', 'Får HR-chefen bevilja ledighet utöver avtal?', 'hr-chef', 'tjanstledighet', {}),
    ('vara', 'Får kommundirektören ingå ett samarbetsavtal för 100 tkr?', 'kommundirektor', 'avtal-ovrigt', {'amount': 100000}),
    ('vara', 'Får krisledningsgruppen vidta åtgärder vid en extraordinär händelse?', 'krisledningsgrupp', 'krisatgarder', {'extraordinary_event': True}),
    ('vara', 'Får kommundirektören ändra kommunstyrelsens delegationsordning?', 'kommundirektor', 'ks-delegationsordning', {}),
    ('vara', 'Can the head of social services set pay for new staff?', 'socialchef', 'lonesattning-personal', {}),
    ('vara', 'Får rektorn upplåta skolans lokaler till en förening i två år?', 'rektor', 'uthyrning-lokaler', {'duration_years': 2}),
    ('gotene', 'Får områdeschefen för äldreomsorg entlediga en undersköterska?', 'omradeschef-aldreomsorg', 'entledigande', {}),
    ('gotene', 'Can the education sector head hire a teacher?', 'sektorchef-utbildning', 'anstallning', {}),
    ('gotene', 'Får kommunfullmäktige fastställa budgeten?', 'kf', 'budget', {}),
    ('partille', 'Får utbildningschefen rekrytera personal?', 'forvaltningschef-utbildning', 'anstallning-personal', {}),
    ('partille', "May the executive board adopt the director's instruction?", 'ks', 'instruktion-kommundirektor', {}),
    ('partille', 'Får personalchefen genomföra löneöversyn för personal?', 'hr-chef', 'lonesattning-personal', {}),
    ('kramfors', 'Får handläggaren fatta biståndsbeslut om hemtjänst?', 'bistandshandlaggare', 'bistand-hemtjanst', {}),
    ('kramfors', 'Får socialnämnden lämna budgetäskande till fullmäktige?', 'sn', 'yttrande-till-kf', {}),
    ('kramfors', 'Can the council approve the annual report?', 'kf', 'arsredovisning', {}),
    ('finland-000', 'Får rektorn anställa en lärare?', 'rektor', 'anstallning-personal', {}),
    ('finland-000', 'Får byggnadsnämnden förelägga vite?', 'miljo-byggnadsnamnd', 'vite', {}),
    ('finland-000', 'Can the director give a statement to another authority?', 'kommundirektor', 'yttrande-annan-myndighet', {}),
    ('finland-000', 'Får kommunstyrelsen godkänna grunderna för intern kontroll?', 'kst', 'intern-kontroll-grunder', {}),
    ('vara', 'Kan kommunstyrelsens ordförande anta budgeten om det brådskar?', 'ks-ordf', 'budget', {'urgent': True}),
    ('vara', 'Får ekonomichefen besluta om attesträtt?', 'ekonomichef', 'utse-attestanter', {}),
    ('vara', 'May the head of community planning let municipal land for 10 years?', 'samhallsbyggnadschef', 'uthyrning-lokaler', {'duration_years': 10}),
    ('vara', 'Får kommundirektören svara på en motion?', 'kommundirektor', 'yttrande-till-kf', {}),
    ('vara', 'Får socialchefen anställa en socialsekreterare?', 'socialchef', 'anstallning-personal', {}),
    ('vara', 'Får kommundirektören fatta tilldelningsbeslut för 250 000 kr?', 'kommundirektor', 'upphandling', {'amount': 250000}),
    ('vara', 'Can the chief clerk refuse to release public records?', 'kanslichef', 'utlamnande-allman-handling', {}),
    ('vara', 'Får kommunstyrelsen anta sin delegationsordning?', 'ks', 'ks-delegationsordning', {}),
    ('vara', 'Får kommundirektören besluta om förtida pension?', 'kommundirektor', 'sarskild-avtalspension', {}),
    ('vara', 'Får HR-chefen bestämma lönen för en nyanställd?', 'hr-chef', 'lonesattning-personal', {}),
    ('vara', 'Får krisledningsnämnden ta över kommunstyrelsens upphandlingar?', 'krisledningsnamnd', 'upphandling', {}),
    ('vara', 'Can the director apply for EU funding?', 'kommundirektor', 'ansokan-externa-medel', {}),
    ('gotene', 'Får sektorschefen för omsorg anställa?', 'sektorchef-omsorg', 'anstallning', {}),
    ('gotene', 'Får enhetschefen för särskilt boende säga upp personal?', 'enhetschef-sarskilt-boende', 'entledigande', {}),
    ('gotene', 'Can the council decide the budget?', 'kf', 'budget', {}),
    ('partille', 'Får kommundirektören lönesätta personal på avdelningen?', 'kommundirektor', 'lonesattning-personal', {}),
    ('partille', 'Får socialchefen anställa en förvaltningschef?', 'forvaltningschef-social', 'anstallning-forvaltningschef', {}),
    ('partille', 'May the director dismiss an employee?', 'kommundirektor', 'uppsagning-personal', {}),
    ('partille', 'Får kommunstyrelsen fastställa kommundirektörens instruktion?', 'ks', 'instruktion-kommundirektor', {}),
    ('kramfors', 'Får kommunstyrelsen anta kommunstyrelsens nämndmål?', 'ks', 'namndmal-ks', {}),
    ('kramfors', 'Får SN AU bevilja bistånd i form av hemtjänst?', 'sn-au', 'bistand-hemtjanst', {}),
    ('kramfors', 'Can the executive board adopt its operational plan?', 'ks', 'verksamhetsplan-ks', {}),
    ('finland-000', 'Får tekniska direktören bevilja ett åtgärdstillstånd?', 'sektordirektor-teknik', 'bygglov', {}),
    ('finland-000', 'Får kommunstyrelsen övervaka lagligheten av fullmäktiges beslut?', 'kst', 'laglighetskontroll', {}),
    ('finland-000', 'May the head of HR abolish a post?', 'personalchef', 'inratta-tjanst', {}),
    ('vara', 'far kommundirektoren anstalla personal', 'kommundirektor', 'anstallning-personal', {}),
    ('vara', 'Is the head of HR allowed to dismiss staff?', 'hr-chef', 'uppsagning-personal', {}),
    ('vara', 'Får arbetsutskottet besluta om upphandling för 2 miljoner kr?', 'ks-au', 'upphandling', {'amount': 2000000}),
    ('vara', 'Får kommunstyrelsen fastställa skattesatsen?', 'ks', 'skattesats', {}),
    ('vara', 'Får kommundirektören lämna ett remissvar till länsstyrelsen?', 'kommundirektor', 'yttrande-annan-myndighet', {}),
    ('vara', 'Can the finance head invest surplus liquidity?', 'ekonomichef', 'placering-medel', {}),
    ('vara', 'Får rektorn bevilja tjänstledighet för studier?', 'rektor', 'tjanstledighet', {}),
    ('vara', 'Får kommundirektören teckna avtal om samarbete med en annan kommun?', 'kommundirektor', 'avtal-ovrigt', {}),
    ('vara', 'Får ordföranden utse ombud i ett brådskande mål?', 'ks-ordf', 'ombud', {'urgent': True}),
    ('vara', 'May the director write off a debt of 20 000 kr?', 'kommundirektor', 'avskrivning-fordran', {'amount': 20000}),
    ('vara', 'Får kommundirektören besluta om arrende för jordbruksmark?', 'kommundirektor', 'arrendeavtal', {}),
    ('gotene', 'Får områdeschefen för äldreomsorg anställa en undersköterska?', 'omradeschef-aldreomsorg', 'anstallning', {}),
    ('gotene', 'Can the chair of the executive board adopt the budget?', 'ks-ordf', 'budget', {}),
    ('gotene', 'Får kommunchefen lämna ett yttrande till kommunfullmäktige?', 'kommunchef', 'yttrande-till-kf', {}),
    ('partille', 'Får HR-chefen säga upp en anställd?', 'hr-chef', 'uppsagning-personal', {}),
    ('partille', "Can the executive committee set the municipality's goals?", 'ks-au', 'mal-riktlinjer', {}),
    ('partille', 'Får kommundirektören leda krisledningsarbetet vid en allvarlig händelse?', 'kommundirektor', 'leda-krisledningsarbete', {}),
    ('kramfors', 'Får socialnämndens ordförande anta socialnämndens nämndmål?', 'sn-ordf', 'namndmal-sn', {}),
    ('kramfors', 'Får bildningschefen anställa personal?', 'bildningschef', 'anstallning-personal', {}),
    ('kramfors', 'May the council adopt the municipality-wide goals?', 'kf', 'kommunovergripande-mal', {}),
    ('finland-000', 'Får personalsektionen anställa en sektordirektör?', 'kst-personalsektion', 'anstallning-sektordirektor', {}),
    ('finland-000', 'Får socialdirektören besluta om förebyggande utkomststöd?', 'sektordirektor-social', 'utkomststod', {}),
    ('finland-000', 'Can the building inspector grant a building permit?', 'byggnadsinspektor', 'bygglov', {}),
    ('finland-000', 'Får kommunstyrelsen anta förvaltningsstadgan?', 'kst', 'forvaltningsstadga', {}),
    ('vara', 'Har kommundirektören rätt att anställa en ny HR-chef?', 'kommundirektor', 'anstallning-personal', {}),
    ('vara', 'Får ekonomichefen avskriva en osäker fordran på 40 000 kr?', 'ekonomichef', 'avskrivning-fordran', {'amount': 40000}),
    ('vara', 'Can the executive committee grant 15 000 SEK to a sports club?', 'ks-au', 'foreningsbidrag', {'amount': 15000}),
    ('vara', 'Får hr-chefen förhandla fram ett lokalt kollektivavtal?', 'hr-chef', 'lokala-kollektivavtal', {}),
    ('vara', 'Får kommunchefen säga upp en medarbetare på grund av arbetsbrist?', 'kommundirektor', 'uppsagning-personal', {}),
    ('vara', 'Kan socialchefen avslå en begäran om att lämna ut handlingar?', 'socialchef', 'utlamnande-allman-handling', {}),
    ('vara', 'Får kommunstyrelsen besluta om årsredovisningen?', 'ks', 'arsredovisning', {}),
    ('vara', 'Should the chair decide urgent statements to the council?', 'ks-ordf', 'yttrande-till-kf', {'urgent': True}),
    ('vara', 'Får kommundirektören omdisponera pengar inom kommunstyrelsens budgetram?', 'kommundirektor', 'omfordelning-budget-ks', {}),
    ('vara', 'Får bildningschefen lönesätta lärare vid nyanställning?', 'bildningschef', 'lonesattning-personal', {}),
    ('vara', 'Can the director terminate a procurement?', 'kommundirektor', 'avbryta-upphandling', {}),
    ('vara', 'Får ekonomichefen sälja utrangerade inventarier?', 'ekonomichef', 'forsaljning-los-egendom', {}),
    ('gotene', 'Får sektorschefen för omsorg sätta lön för en enhetschef?', 'sektorchef-omsorg', 'lonesattning', {}),
    ('gotene', 'Can the head of the care sector hire an area manager?', 'sektorchef-omsorg', 'anstallning', {}),
    ('gotene', 'Får kommunchefen avsluta en anställning?', 'kommunchef', 'entledigande', {}),
    ('partille', 'Får HR-chefen rekrytera en förvaltningschef?', 'hr-chef', 'anstallning-forvaltningschef', {}),
    ('partille', 'Can the council set goals and guidelines?', 'kf', 'mal-riktlinjer', {}),
    ('partille', 'Får kommundirektören genomföra kommunstyrelsens uppdrag?', 'kommundirektor', 'verkstalla-ks-beslut', {}),
    ('kramfors', 'Får individutskottet besluta om hemtjänst?', 'sn-au', 'bistand-hemtjanst', {}),
    ('kramfors', 'Får kommunstyrelsen anta sin verksamhetsplan?', 'ks', 'verksamhetsplan-ks', {}),
    ('kramfors', 'Får fullmäktige besluta om perspektiv och inriktningsmål?', 'kf', 'inriktningsmal', {}),
    ('finland-000', 'Får ledningsgruppen besluta om upphandling?', 'ledningsgrupp', 'upphandling', {}),
    ('finland-000', 'Får kommundirektören sammankalla beredskapsledningsgruppen vid en pandemi?', 'kommundirektor', 'sammankalla-beredskapsledningsgrupp', {}),
    ('finland-000', 'Can the executive board take over a delegated decision?', 'kst', 'overtagande', {}),
    ('finland-000', 'Får byggnadsinspektören besluta om administrativt tvång?', 'byggnadsinspektor', 'vite', {}),
]

_loaded: dict[str, api.Mandat] = {}


def _m(mid: str) -> api.Mandat:
    if mid not in _loaded:
        _loaded[mid] = api.load(mid)
    return _loaded[mid]


def test_the_set_covers_every_bundled_municipality_in_both_languages():
    assert len(CASES) >= 40
    assert len({c[0] for c in CASES} & set(api.municipalities())) >= 5  # Swedish and Finnish rule sets
    english = [c for c in CASES if c[1].split()[0] in {"Can", "May", "Is", "Who"}]
    assert len(english) >= 15


@pytest.mark.parametrize(("mid", "question", "actor", "matter", "facts"), CASES,
                         ids=[f"{c[0]}:{c[1][:50]}" for c in CASES])
def test_question_resolves_to_the_right_actor_matter_and_facts(mid, question, actor, matter, facts):
    given: dict = {}
    got_actor, got_matter, understood = freetext.understand(_m(mid), question, None, None, given, "sv")
    assert (got_actor, got_matter) == (actor, matter)
    assert {k: given.get(k) for k in facts} == facts
    assert actor in understood["aktör"] and matter in understood["ärende"]


def test_a_known_close_call_fails_closed_with_the_right_matter_among_the_candidates(monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    with pytest.raises(UsageError) as err:
        freetext.understand(_m("vara"), "Får kanslichefen lämna ut en allmän handling med förbehåll?", None, None, {}, "sv")
    assert "utlamnande-med-forbehall" in [c[0] for c in err.value.candidates]


def test_a_fact_given_on_the_command_line_wins_over_the_text():
    given = {"amount": "900000"}
    freetext.understand(_m("vara"), "Får ekonomichefen upphandla för 300 000 kr?", None, None, given, "sv")
    assert given == {"amount": "900000"}


def test_an_explicit_actor_is_kept_and_an_actor_in_the_text_is_the_object():
    actor, matter, _ = freetext.understand(_m("vara"), "anställa personal", "KS", None, {}, "en")
    assert (actor, matter) == ("ks", "anstallning-personal")
    actor, matter, _ = freetext.understand(_m("vara"), "Får KS anställa kommundirektören?", "ks", None, {}, "en")
    assert (actor, matter) == ("ks", "anstallning-kommundirektor")


def test_ambiguous_actor_lists_the_candidates_with_ids(monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    with pytest.raises(UsageError) as err:
        freetext.understand(_m("gotene"), "Får enhetschefen anställa personal?", None, None, {}, "sv")
    ids = [c[0] for c in err.value.candidates]
    assert {"enhetschef-skola-1", "enhetschef-hemtjanst", "enhetschef-sarskilt-boende"} <= set(ids)
    assert "enhetschef-skola-1" in err.value.message and "--actor" in err.value.message


def test_ambiguous_matter_lists_the_candidates(monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    with pytest.raises(UsageError) as err:
        freetext.understand(_m("vara"), "Får kommundirektören yttra sig?", None, None, {}, "en")
    ids = {c[0] for c in err.value.candidates}
    assert len(ids) >= 2 and all(i.startswith("yttrande-") for i in ids) and "yttrande-annan-myndighet" in ids
    assert err.value.message.startswith("the question is ambiguous")


def test_on_a_terminal_the_user_picks(monkeypatch):
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(freetext.sys, "stdin", Tty())
    monkeypatch.setattr(freetext.sys, "stdout", type("O", (), {"isatty": lambda self: True})())
    monkeypatch.setattr(freetext.click, "echo", lambda *a, **k: None)
    monkeypatch.setattr(freetext.click, "prompt", lambda *a, **k: 2)
    actor, _, _ = freetext.understand(_m("gotene"), "Får enhetschefen anställa personal?", None, None, {}, "sv")
    candidates = search.partial_actors(_m("gotene").rules, "Får enhetschefen anställa personal?")
    assert actor == candidates[1].id


@pytest.mark.parametrize(("question", "part"), [
    ("Får bagaren anställa personal?", "vem som beslutar"),
    ("Får kommundirektören måla ett staket?", "vilket ärende"),
])
def test_nothing_understood_says_which_part(question, part):
    with pytest.raises(UsageError) as err:
        freetext.understand(_m("vara"), question, None, None, {}, "sv")
    assert part in err.value.message and question in err.value.message


def test_cli_ambiguity_exits_64_when_not_on_a_terminal():
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    res = subprocess.run([sys.executable, "-m", "cli.main", "ask", "-m", "gotene", "Får enhetschefen anställa?"],
                         capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env, timeout=60)
    assert res.returncode == 64, res.stderr
    assert "enhetschef-hemtjanst" in res.stderr and "Traceback" not in res.stderr


def test_cli_shows_what_was_understood_before_the_answer():
    res = subprocess.run([sys.executable, "-m", "cli.main", "ask", "-m", "vara", "-d", "2025-03-01",
                          "Can the director sign a five-year lease?", "--lang", "en"],
                         capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    first, *rest = res.stdout.splitlines()
    assert first.startswith("Understood: actor = municipal director (kommundirektor)")
    assert "hyresavtal-inhyrning" in first and "duration_years = 5" in first
    assert res.returncode in (0, 1, 2) and any(line.startswith(("YES", "NO", "DEPENDS")) for line in rest)


@pytest.mark.parametrize(("text", "facts"), [
    ("för 300 000 kr", {"amount": 300000}),
    ("för 300 tkr", {"amount": 300000}),
    ("på 1,5 miljoner kronor", {"amount": 1500000}),
    ("worth 400,000 SEK", {"amount": 400000}),
    ("for SEK 2.5 million", {"amount": 2500000}),
    ("för 2 mkr", {"amount": 2000000}),
    ("ett brådskande ärende", {"urgent": True}),
    ("ärendet är inte brådskande", {"urgent": False}),
    ("it is not urgent", {"urgent": False}),
    ("på fem år", {"duration_years": 5}),
    ("a five-year lease", {"duration_years": 5}),
    ("ett treårigt avtal", {"duration_years": 3}),
    ("for 10 years", {"duration_years": 10}),
    ("som inte är principiellt", {"principled": False}),
    ("inom budget", {"within_budget": True}),
    ("utanför budget", {"within_budget": False}),
    ("vid en extraordinär händelse", {"extraordinary_event": True}),
    ("anställa personal", {}),
])
def test_facts_read_from_text(text, facts):
    found, _ = search.find_facts(_m("vara").rules, text)
    assert found == facts


def test_swedish_stems_meet():
    pairs = [("anställa", "anställning"), ("yttra", "yttrande"), ("upphandla", "upphandling"),
             ("kommundirektören", "kommundirektör"), ("budgeten", "budget")]
    for a, b in pairs:
        ta, tb = search.tokens(a)[0], search.tokens(b)[0]
        assert search.strength((ta.stem, ta.word), (tb.stem, tb.word)) >= 0.85, (a, b)
    tr, tb = search.tokens("remissvar")[0], search.tokens("remit")[0]
    assert search.strength((tr.stem, tr.word), (tb.stem, tb.word)) == 0


def test_a_who_question_to_ask_points_to_who():
    with pytest.raises(UsageError) as err:
        freetext.understand(_m("vara"), "Vem får anställa personal?", None, None, {}, "sv")
    assert "mandat who" in err.value.message


@pytest.mark.parametrize(("mid", "question", "matter"), [
    ("vara", "Vem får anställa kommundirektören?", "anstallning-kommundirektor"),
    ("vara", "Vem får anställa en socialchef?", "anstallning-forvaltningschef"),
    ("vara", "Who may sign a lease for premises?", "hyresavtal-inhyrning"),
    ("partille", "Vem får lönesätta kommundirektören?", "lonesattning-kommundirektor"),
    ("kramfors", "Who may grant home-care assistance?", "bistand-hemtjanst"),
])
def test_who_questions_find_the_matter_and_read_named_actors_as_its_object(mid, question, matter):
    assert freetext.matter_only(_m(mid).rules, question, "sv") == matter
