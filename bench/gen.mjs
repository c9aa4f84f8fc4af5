#!/usr/bin/env node
// Deterministic generator of synthetic, realistic Finnish progress tables
// (the TablePress import layout) and of distinct search queries for the
// benchmark.  No npm dependencies.
//
//   node bench/gen.mjs csv --rows 1000 [--seed 1] [--out FILE]
//   node bench/gen.mjs queries --count 150000 [--rows 10000] [--seed 1]
//                             [--out FILE]
//
// csv:     header + exactly ROWS data rows (one action per row), CRLF,
//          RFC 4180 quoting, UTF-8 without BOM.
// queries: one URL-encoded (application/x-www-form-urlencoded) query per
//          line, all distinct, in shuffled order.  Words come from the same
//          vocabulary, so most of them match something in the table made
//          with the same --rows and --seed.

import { writeFileSync } from 'node:fs';

// ---------------------------------------------------------------- random

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let rnd = mulberry32(1);
const seed = (s) => { rnd = mulberry32(s >>> 0); };
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = (a) => a[Math.floor(rnd() * a.length)];
const chance = (p) => rnd() < p;
const cap = (s) => s.charAt(0).toLocaleUpperCase('fi') + s.slice(1);
function pickN(a, n) {
  const c = a.slice(), out = [];
  while (out.length < n && c.length) out.push(c.splice(Math.floor(rnd() * c.length), 1)[0]);
  return out;
}
function shuffle(a) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
// weighted pick: [[weight, value], ...]
function wpick(pairs) {
  let t = 0; for (const [w] of pairs) t += w;
  let r = rnd() * t;
  for (const [w, v] of pairs) { if ((r -= w) < 0) return v; }
  return pairs[pairs.length - 1][1];
}

// ------------------------------------------------------------ vocabulary

// Target groups: base, nominative plural, genitive plural, partitive
// plural, allative plural.
const groups = [
  ['nuori', 'nuoret', 'nuorten', 'nuoria', 'nuorille'],
  ['lapsi', 'lapset', 'lasten', 'lapsia', 'lapsille'],
  ['lapsiperhe', 'lapsiperheet', 'lapsiperheiden', 'lapsiperheitä', 'lapsiperheille'],
  ['ikäihminen', 'ikäihmiset', 'ikäihmisten', 'ikäihmisiä', 'ikäihmisille'],
  ['omaishoitaja', 'omaishoitajat', 'omaishoitajien', 'omaishoitajia', 'omaishoitajille'],
  ['maahanmuuttaja', 'maahanmuuttajat', 'maahanmuuttajien', 'maahanmuuttajia', 'maahanmuuttajille'],
  ['vammainen', 'vammaiset henkilöt', 'vammaisten henkilöiden', 'vammaisia henkilöitä', 'vammaisille henkilöille'],
  ['opiskelija', 'opiskelijat', 'opiskelijoiden', 'opiskelijoita', 'opiskelijoille'],
  ['työtön', 'työttömät', 'työttömien', 'työttömiä', 'työttömille'],
  ['pitkäaikaissairas', 'pitkäaikaissairaat', 'pitkäaikaissairaiden', 'pitkäaikaissairaita', 'pitkäaikaissairaille'],
  ['asukas', 'asukkaat', 'asukkaiden', 'asukkaita', 'asukkaille'],
  ['asiakas', 'asiakkaat', 'asiakkaiden', 'asiakkaita', 'asiakkaille'],
  ['mielenterveyskuntoutuja', 'mielenterveyskuntoutujat', 'mielenterveyskuntoutujien', 'mielenterveyskuntoutujia', 'mielenterveyskuntoutujille'],
  ['päihdeasiakas', 'päihdeasiakkaat', 'päihdeasiakkaiden', 'päihdeasiakkaita', 'päihdeasiakkaille'],
  ['muistisairas', 'muistisairaat', 'muistisairaiden', 'muistisairaita', 'muistisairaille'],
  ['koululainen', 'koululaiset', 'koululaisten', 'koululaisia', 'koululaisille'],
  ['nuori aikuinen', 'nuoret aikuiset', 'nuorten aikuisten', 'nuoria aikuisia', 'nuorille aikuisille'],
  ['ruotsinkielinen', 'ruotsinkieliset', 'ruotsinkielisten', 'ruotsinkielisiä', 'ruotsinkielisille'],
  ['saamenkielinen', 'saamenkieliset', 'saamenkielisten', 'saamenkielisiä', 'saamenkielisille'],
  ['lapsi ja nuori', 'lapset ja nuoret', 'lasten ja nuorten', 'lapsia ja nuoria', 'lapsille ja nuorille'],
  ['ikääntynyt', 'ikääntyneet', 'ikääntyneiden', 'ikääntyneitä', 'ikääntyneille'],
  ['odottava perhe', 'odottavat perheet', 'odottavien perheiden', 'odottavia perheitä', 'odottaville perheille'],
].map(([base, nom, gen, part, all]) => ({ base, nom, gen, part, all }));

// Services: base, nominative, genitive, partitive, locative (where),
// directional (to where), plural?
const services = [
  ['mielenterveyspalvelu', 'mielenterveyspalvelut', 'mielenterveyspalvelujen', 'mielenterveyspalveluja', 'mielenterveyspalveluissa', 'mielenterveyspalveluihin', 1],
  ['kotihoito', 'kotihoito', 'kotihoidon', 'kotihoitoa', 'kotihoidossa', 'kotihoitoon', 0],
  ['digiasiointialusta', 'digiasiointialusta', 'digiasiointialustan', 'digiasiointialustaa', 'digiasiointialustalla', 'digiasiointialustalle', 0],
  ['perhekeskus', 'perhekeskus', 'perhekeskuksen', 'perhekeskusta', 'perhekeskuksessa', 'perhekeskukseen', 0],
  ['neuvola', 'neuvola', 'neuvolan', 'neuvolaa', 'neuvolassa', 'neuvolaan', 0],
  ['terveysasema', 'terveysasemat', 'terveysasemien', 'terveysasemia', 'terveysasemilla', 'terveysasemille', 1],
  ['suun terveydenhuolto', 'suun terveydenhuolto', 'suun terveydenhuollon', 'suun terveydenhuoltoa', 'suun terveydenhuollossa', 'suun terveydenhuoltoon', 0],
  ['päihdepalvelu', 'päihdepalvelut', 'päihdepalvelujen', 'päihdepalveluja', 'päihdepalveluissa', 'päihdepalveluihin', 1],
  ['sosiaalipäivystys', 'sosiaalipäivystys', 'sosiaalipäivystyksen', 'sosiaalipäivystystä', 'sosiaalipäivystyksessä', 'sosiaalipäivystykseen', 0],
  ['kouluterveydenhuolto', 'kouluterveydenhuolto', 'kouluterveydenhuollon', 'kouluterveydenhuoltoa', 'kouluterveydenhuollossa', 'kouluterveydenhuoltoon', 0],
  ['opiskeluhuolto', 'opiskeluhuolto', 'opiskeluhuollon', 'opiskeluhuoltoa', 'opiskeluhuollossa', 'opiskeluhuoltoon', 0],
  ['kuntoutus', 'kuntoutus', 'kuntoutuksen', 'kuntoutusta', 'kuntoutuksessa', 'kuntoutukseen', 0],
  ['lastensuojelu', 'lastensuojelu', 'lastensuojelun', 'lastensuojelua', 'lastensuojelussa', 'lastensuojeluun', 0],
  ['vammaispalvelu', 'vammaispalvelut', 'vammaispalvelujen', 'vammaispalveluja', 'vammaispalveluissa', 'vammaispalveluihin', 1],
  ['omaishoidon tuki', 'omaishoidon tuki', 'omaishoidon tuen', 'omaishoidon tukea', 'omaishoidon tuessa', 'omaishoidon tukeen', 0],
  ['ajanvaraus', 'ajanvaraus', 'ajanvarauksen', 'ajanvarausta', 'ajanvarauksessa', 'ajanvaraukseen', 0],
  ['chat-palvelu', 'chat-palvelu', 'chat-palvelun', 'chat-palvelua', 'chat-palvelussa', 'chat-palveluun', 0],
  ['etävastaanotto', 'etävastaanotto', 'etävastaanoton', 'etävastaanottoa', 'etävastaanotolla', 'etävastaanotolle', 0],
  ['palveluohjaus', 'palveluohjaus', 'palveluohjauksen', 'palveluohjausta', 'palveluohjauksessa', 'palveluohjaukseen', 0],
  ['asiakasmaksu', 'asiakasmaksut', 'asiakasmaksujen', 'asiakasmaksuja', 'asiakasmaksuissa', 'asiakasmaksuihin', 1],
  ['kotikuntoutus', 'kotikuntoutus', 'kotikuntoutuksen', 'kotikuntoutusta', 'kotikuntoutuksessa', 'kotikuntoutukseen', 0],
  ['matalan kynnyksen palvelu', 'matalan kynnyksen palvelut', 'matalan kynnyksen palvelujen', 'matalan kynnyksen palveluja', 'matalan kynnyksen palveluissa', 'matalan kynnyksen palveluihin', 1],
  ['psykiatrinen hoito', 'psykiatrinen hoito', 'psykiatrisen hoidon', 'psykiatrista hoitoa', 'psykiatrisessa hoidossa', 'psykiatriseen hoitoon', 0],
  ['ensihoito', 'ensihoito', 'ensihoidon', 'ensihoitoa', 'ensihoidossa', 'ensihoitoon', 0],
  ['päivystys', 'päivystys', 'päivystyksen', 'päivystystä', 'päivystyksessä', 'päivystykseen', 0],
  ['asumispalvelu', 'asumispalvelut', 'asumispalvelujen', 'asumispalveluja', 'asumispalveluissa', 'asumispalveluihin', 1],
  ['työllisyyspalvelu', 'työllisyyspalvelut', 'työllisyyspalvelujen', 'työllisyyspalveluja', 'työllisyyspalveluissa', 'työllisyyspalveluihin', 1],
  ['Omaolo-palvelu', 'Omaolo-palvelu', 'Omaolo-palvelun', 'Omaolo-palvelua', 'Omaolo-palvelussa', 'Omaolo-palveluun', 0],
  ['sosiaalityö', 'sosiaalityö', 'sosiaalityön', 'sosiaalityötä', 'sosiaalityössä', 'sosiaalityöhön', 0],
  ['perhetyö', 'perhetyö', 'perhetyön', 'perhetyötä', 'perhetyössä', 'perhetyöhön', 0],
  ['kuraattoripalvelu', 'kuraattoripalvelut', 'kuraattoripalvelujen', 'kuraattoripalveluja', 'kuraattoripalveluissa', 'kuraattoripalveluihin', 1],
  ['rokotus', 'rokotukset', 'rokotusten', 'rokotuksia', 'rokotuksissa', 'rokotuksiin', 1],
  ['puhelinpalvelu', 'puhelinpalvelu', 'puhelinpalvelun', 'puhelinpalvelua', 'puhelinpalvelussa', 'puhelinpalveluun', 0],
  ['digipalvelu', 'digipalvelut', 'digipalvelujen', 'digipalveluja', 'digipalveluissa', 'digipalveluihin', 1],
  ['terapia', 'terapiapalvelut', 'terapiapalvelujen', 'terapiapalveluja', 'terapiapalveluissa', 'terapiapalveluihin', 1],
  ['kriisityö', 'kriisityö', 'kriisityön', 'kriisityötä', 'kriisityössä', 'kriisityöhön', 0],
  ['nuorisotyö', 'nuorisotyö', 'nuorisotyön', 'nuorisotyötä', 'nuorisotyössä', 'nuorisotyöhön', 0],
  ['perhehoito', 'perhehoito', 'perhehoidon', 'perhehoitoa', 'perhehoidossa', 'perhehoitoon', 0],
].map(([base, nom, gen, part, loc, dir, pl]) => ({ base, nom, gen, part, loc, dir, pl: !!pl }));

// Aspects: nominative, genitive, partitive.
const aspects = [
  ['saatavuus', 'saatavuuden', 'saatavuutta'],
  ['saavutettavuus', 'saavutettavuuden', 'saavutettavuutta'],
  ['laatu', 'laadun', 'laatua'],
  ['jatkuvuus', 'jatkuvuuden', 'jatkuvuutta'],
  ['resurssit', 'resurssien', 'resursseja'],
  ['viestintä', 'viestinnän', 'viestintää'],
  ['yhteistyö', 'yhteistyön', 'yhteistyötä'],
  ['tiedonkulku', 'tiedonkulun', 'tiedonkulkua'],
  ['odotusajat', 'odotusaikojen', 'odotusaikoja'],
  ['hoitoonpääsy', 'hoitoonpääsyn', 'hoitoonpääsyä'],
  ['asiakaslähtöisyys', 'asiakaslähtöisyyden', 'asiakaslähtöisyyttä'],
  ['yhdenvertaisuus', 'yhdenvertaisuuden', 'yhdenvertaisuutta'],
  ['monikielisyys', 'monikielisyyden', 'monikielisyyttä'],
  ['näkyvyys', 'näkyvyyden', 'näkyvyyttä'],
  ['henkilöstömitoitus', 'henkilöstömitoituksen', 'henkilöstömitoitusta'],
  ['ohjeistus', 'ohjeistuksen', 'ohjeistusta'],
  ['käytettävyys', 'käytettävyyden', 'käytettävyyttä'],
  ['vaikuttavuus', 'vaikuttavuuden', 'vaikuttavuutta'],
  ['palveluohjaus', 'palveluohjauksen', 'palveluohjausta'],
  ['asiakaskokemus', 'asiakaskokemuksen', 'asiakaskokemusta'],
].map(([nom, gen, part]) => ({ nom, gen, part }));

// Development verbs: verbal noun, passive present, first infinitive.
const verbs = [
  ['parantaminen', 'parannetaan', 'parantaa'],
  ['varmistaminen', 'varmistetaan', 'varmistaa'],
  ['vahvistaminen', 'vahvistetaan', 'vahvistaa'],
  ['kehittäminen', 'kehitetään', 'kehittää'],
  ['lisääminen', 'lisätään', 'lisätä'],
  ['selkeyttäminen', 'selkeytetään', 'selkeyttää'],
  ['turvaaminen', 'turvataan', 'turvata'],
  ['helpottaminen', 'helpotetaan', 'helpottaa'],
  ['nopeuttaminen', 'nopeutetaan', 'nopeuttaa'],
  ['sujuvoittaminen', 'sujuvoitetaan', 'sujuvoittaa'],
  ['tehostaminen', 'tehostetaan', 'tehostaa'],
  ['yhtenäistäminen', 'yhtenäistetään', 'yhtenäistää'],
  ['uudistaminen', 'uudistetaan', 'uudistaa'],
  ['laajentaminen', 'laajennetaan', 'laajentaa'],
].map(([vn, pass, inf]) => ({ vn, pass, inf }));

// Project nouns (nominative) for actions.
// Project nouns for actions: nominative, inessive.
const procPairs = [['hankinta', 'hankinnassa'], ['käyttöönotto', 'käyttöönotossa'],
  ['kilpailutus', 'kilpailutuksessa'], ['pilotointi', 'pilotoinnissa'], ['arviointi', 'arvioinnissa'],
  ['uudistaminen', 'uudistamisessa'], ['laajentaminen', 'laajentamisessa'],
  ['kehittäminen', 'kehittämisessä'], ['yhtenäistäminen', 'yhtenäistämisessä'],
  ['vakiinnuttaminen', 'vakiinnuttamisessa'], ['suunnittelu', 'suunnittelussa'],
  ['toteutus', 'toteutuksessa'], ['selvitys', 'selvityksessä'], ['kartoitus', 'kartoituksessa'],
  ['koulutus', 'koulutuksessa'], ['jalkauttaminen', 'jalkauttamisessa']];
const procs = procPairs.map((p) => p[0]);

// Professionals: nominative, genitive and partitive plural.
const profs = [
  ['kuraattorit', 'kuraattoreiden', 'kuraattoreita'], ['psykologit', 'psykologien', 'psykologeja'],
  ['sairaanhoitajat', 'sairaanhoitajien', 'sairaanhoitajia'],
  ['psykiatriset sairaanhoitajat', 'psykiatristen sairaanhoitajien', 'psykiatrisia sairaanhoitajia'],
  ['sosiaaliohjaajat', 'sosiaaliohjaajien', 'sosiaaliohjaajia'],
  ['nuorisotyöntekijät', 'nuorisotyöntekijöiden', 'nuorisotyöntekijöitä'],
  ['terveydenhoitajat', 'terveydenhoitajien', 'terveydenhoitajia'],
  ['liikuntamentorit', 'liikuntamentoreiden', 'liikuntamentoreita'],
  ['kokemusasiantuntijat', 'kokemusasiantuntijoiden', 'kokemusasiantuntijoita'],
  ['palveluohjaajat', 'palveluohjaajien', 'palveluohjaajia'],
  ['perhetyöntekijät', 'perhetyöntekijöiden', 'perhetyöntekijöitä'],
  ['fysioterapeutit', 'fysioterapeuttien', 'fysioterapeutteja'],
  ['lähihoitajat', 'lähihoitajien', 'lähihoitajia'], ['vertaisohjaajat', 'vertaisohjaajien', 'vertaisohjaajia'],
  ['digitukihenkilöt', 'digitukihenkilöiden', 'digitukihenkilöitä'],
  ['sosiaalityöntekijät', 'sosiaalityöntekijöiden', 'sosiaalityöntekijöitä'],
  ['koulupsykologit', 'koulupsykologien', 'koulupsykologeja'],
  ['toimintaterapeutit', 'toimintaterapeuttien', 'toimintaterapeutteja'],
].map(([nom, gen, part]) => ({ nom, gen, part }));

// Places: inessive/adessive (where), illative/allative (to where).
const places = [
  ['kouluissa', 'kouluihin'], ['oppilaitoksissa', 'oppilaitoksiin'],
  ['nuorisotiloissa', 'nuorisotiloihin'], ['terveysasemilla', 'terveysasemille'],
  ['kirjastoissa', 'kirjastoihin'], ['kauppakeskuksissa', 'kauppakeskuksiin'],
  ['palvelutaloissa', 'palvelutaloihin'], ['asukastiloissa', 'asukastiloihin'],
  ['perhekeskuksissa', 'perhekeskuksiin'], ['harrastuspaikoissa', 'harrastuspaikkoihin'],
  ['asiakkaiden kodeissa', 'asiakkaiden koteihin'], ['päiväkodeissa', 'päiväkoteihin'],
].map(([loc, dir]) => ({ loc, dir }));

const activities = ['liikkumista', 'jaksamista', 'arkea', 'opiskelua', 'hyvinvointia',
  'kotona asumista', 'osallisuutta', 'mielenterveyttä', 'asiointia', 'työllistymistä',
  'harrastamista', 'vanhemmuutta', 'itsenäistä asumista', 'koulunkäyntiä'];

// Municipalities: nominative, locative, directional.
const munis = [
  ['Hyvinkää', 'Hyvinkäällä', 'Hyvinkäälle'], ['Järvenpää', 'Järvenpäässä', 'Järvenpäähän'],
  ['Kerava', 'Keravalla', 'Keravalle'], ['Mäntsälä', 'Mäntsälässä', 'Mäntsälään'],
  ['Nurmijärvi', 'Nurmijärvellä', 'Nurmijärvelle'], ['Tuusula', 'Tuusulassa', 'Tuusulaan'],
  ['Porvoo', 'Porvoossa', 'Porvooseen'], ['Lahti', 'Lahdessa', 'Lahteen'],
  ['Tampere', 'Tampereella', 'Tampereelle'], ['Oulu', 'Oulussa', 'Ouluun'],
  ['Kuopio', 'Kuopiossa', 'Kuopioon'], ['Jyväskylä', 'Jyväskylässä', 'Jyväskylään'],
  ['Seinäjoki', 'Seinäjoella', 'Seinäjoelle'], ['Rovaniemi', 'Rovaniemellä', 'Rovaniemelle'],
  ['Kajaani', 'Kajaanissa', 'Kajaaniin'], ['Joensuu', 'Joensuussa', 'Joensuuhun'],
  ['Mikkeli', 'Mikkelissä', 'Mikkeliin'], ['Kotka', 'Kotkassa', 'Kotkaan'],
  ['Lappeenranta', 'Lappeenrannassa', 'Lappeenrantaan'], ['Pori', 'Porissa', 'Poriin'],
  ['Vaasa', 'Vaasassa', 'Vaasaan'], ['Kokkola', 'Kokkolassa', 'Kokkolaan'],
  ['Hämeenlinna', 'Hämeenlinnassa', 'Hämeenlinnaan'], ['Salo', 'Salossa', 'Saloon'],
].map(([nom, loc, dir]) => ({ nom, loc, dir }));

// Adjectives: partitive plural, partitive singular (predicative).
const adjs = [
  ['saavutettavia', 'saavutettavaa'], ['selkeitä', 'selkeää'], ['monikielisiä', 'monikielistä'],
  ['helppokäyttöisiä', 'helppokäyttöistä'], ['asiakaslähtöisiä', 'asiakaslähtöistä'],
  ['yhdenvertaisia', 'yhdenvertaista'], ['oikea-aikaisia', 'oikea-aikaista'],
  ['luotettavia', 'luotettavaa'], ['turvallisia', 'turvallista'], ['joustavia', 'joustavaa'],
  ['selkokielisiä', 'selkokielistä'], ['maksuttomia', 'maksutonta'],
].map(([pl, sg]) => ({ pl, sg }));

const listAdjs = ['Selkeät', 'Räätälöidyt', 'Monikieliset', 'Selkokieliset', 'Ajantasaiset',
  'Yhtenäiset', 'Saavutettavat', 'Helppokäyttöiset', 'Henkilökohtaiset', 'Sähköiset'];
const listNouns = ['käyttöohjeet', 'palvelupolut', 'asiointiohjeet', 'verkkosivut',
  'hoitosuunnitelmat', 'yhteystiedot', 'tiedotteet', 'lomakkeet', 'ajanvarausohjeet',
  'palvelukuvaukset', 'asiakaskirjeet', 'hoitopolut', 'digihoitopolut', 'palautekanavat'];

const things = ['kohtaamispaikkoja', 'vertaistukiryhmiä', 'harrastusmahdollisuuksia',
  'liikuntamahdollisuuksia', 'tukihenkilöitä', 'ohjaajia', 'aikuisia kouluihin',
  'iltavastaanottoja', 'jalkautuvia työntekijöitä', 'ryhmätoimintaa', 'digitukea',
  'keskusteluapua', 'lyhytterapiaa', 'kotikäyntejä', 'perhevalmennusta'];

const questions = ['miten oman asian käsittely etenee ja millä aikataululla',
  'miten asiakas tietää, kenen puoleen kääntyä', 'miten apua saa ilman pitkää odotusta',
  'miten palvelut löytää yhdestä paikasta', 'miten asukkaiden ääni kuuluu päätöksissä',
  'miten hoitaja ehtii kohdata asiakkaan', 'miten tieto kulkee palvelujen välillä',
  'miten palveluun pääsee ilman lähetettä', 'miten omaiset saavat tietoa hoidosta',
  'miten palvelu toimii myös iltaisin ja viikonloppuisin'];

const newThings = ['uusia digipalveluja', 'uusia toimintamalleja', 'uusia tietojärjestelmiä',
  'uusia asiointikanavia', 'uusia palvelupisteitä', 'uusia hoitopolkuja'];

const means = ['lisäämällä henkilöstöä', 'digitaalisin ratkaisuin', 'yhteistyössä kuntien kanssa',
  'yhdessä järjestöjen kanssa', 'kokemusasiantuntijoiden tuella', 'uudella toimintamallilla',
  'moniammatillisesti', 'osana hyvinvointisuunnitelmaa', 'täydennyskoulutuksella',
  'keskittämällä ajanvaraus', 'sähköisellä esitietolomakkeella', 'jalkautuvalla työllä'];

const starts = ['avataan', 'otetaan käyttöön', 'pilotoidaan', 'käynnistetään', 'vakiinnutetaan'];

const units = ['Tietohallinto', 'Lasten ja nuorten palvelut', 'Perhekeskus', 'Aikuissosiaalityö',
  'Ikäihmisten palvelut', 'Kotihoito', 'Mielenterveys- ja päihdepalvelut', 'Vammaispalvelut',
  'Suun terveydenhuolto', 'Terveysasemapalvelut', 'Sosiaalipäivystys', 'Lastensuojelu',
  'Opiskeluhuolto', 'Kuntoutus', 'Ensihoito ja päivystys', 'Viestintä',
  'Osallisuus ja asiakaskokemus', 'Henkilöstöpalvelut', 'Talous- ja hankintapalvelut',
  'Digipalvelut', 'Asiakasohjaus', 'Työllisyyttä edistävät palvelut', 'Maahanmuuttajapalvelut',
  'Hyvinvoinnin ja terveyden edistäminen', 'Omaishoidon tuki', 'Asumispalvelut',
  'Psykiatrinen erikoissairaanhoito', 'Neuvolapalvelut', 'Kouluterveydenhuolto',
  'Tilapalvelut', 'Järjestöyhteistyö'];

const statuses = [
  [8, 'Ei aloitettu'], [12, 'Suunnitteilla'], [30, 'Käynnissä'], [18, 'Käsitelty'],
  [16, 'Toteutettu'], [10, 'Vakiintunut'], [6, 'Ei toteuteta'],
];
const boards = ['aluehallituksessa', 'aluevaltuustossa', 'sosiaali- ja terveyslautakunnassa',
  'nuorisovaltuustossa', 'vanhusneuvostossa', 'vammaisneuvostossa', 'johtoryhmässä'];
const channels = ['verkkosivuilla', 'asukaslehdessä', 'sosiaalisessa mediassa',
  'hyvinvointialueen uutiskirjeessä', 'Keusoten verkkosivuilla', 'paikallislehdissä'];
const feedbackWays = ['kyselyllä', 'asukaspaneelissa', 'Pol.is-keskustelussa',
  'nuorisovaltuuston kanssa', 'vanhusneuvoston kanssa', 'vammaisneuvoston kanssa',
  'asiakasraadissa', 'Thinglink-ohjeiden palautelomakkeella'];
const orgs = ['järjestöjen', 'seurakuntien', 'kuntien nuorisotoimen', 'Kelan', 'TE-palvelujen',
  'oppilaitosten', 'MIELI ry:n', 'kuntien sivistystoimen', 'poliisin', 'HUSin'];
const funding = ['STM:n hankeavustuksesta', 'Kestävän kasvun ohjelmasta',
  'hyvinvointialueen talousarviosta', 'EU:n rakennerahastoista', 'Tulevaisuuden sosiaali- ja terveyskeskus -ohjelmasta'];
const seasons = ['keväällä', 'syksyllä', 'kesällä', 'talvella'];
const periods = ['puolen vuoden', 'vuoden', 'kolmen kuukauden'];

// -------------------------------------------------------------- sentences

const year = () => int(2023, 2027);
function schedule() {
  return wpick([
    [50, () => { const y = int(2023, 2026), m = int(1, 12), d = int(3, 30);
      const e = y * 12 + m - 1 + d; return `${m}/${y} – ${(e % 12) + 1}/${Math.floor(e / 12)}`; }],
    [18, () => 'Jatkuvaa'],
    [8, () => `${cap(pick(['kevät', 'syksy', 'kesä']))} ${year()}`],
    [8, () => `Vuoden ${year()} aikana`],
    [5, () => `${year()}`],
    [4, () => `${cap(pick(['alkuvuosi', 'loppuvuosi']))} ${year()}`],
    [7, () => ''],
  ])();
}

function recommendationText() {
  const g = pick(groups), s = pick(services), a = pick(aspects), v = pick(verbs);
  return wpick([
    [30, () => `${cap(g.gen)} ${s.gen} ${a.gen} ${v.vn}`],
    [20, () => `${cap(s.gen)} ${a.gen} ${v.vn} – ${pick(questions)}`],
    [20, () => { const [x, y, z] = pickN(adjs, 3).map((j) => (s.pl ? j.pl : j.sg));
      return `${cap(s.gen)} tulee olla ${x}, ${y} ja ${z} ${g.all}, ja ${chance(0.5) ? 'niiden' : 'palvelun'} tulee herättää luottamusta yhtä lailla asukkaalle kuin henkilöstöllekin`; }],
    [15, () => `${cap(g.all)} lisää ${pick(things)} ja ${pick(things)}`],
    [15, () => `${cap(s.nom)} ${g.gen} tukena`],
  ])();
}

function subText() {
  const g = pick(groups), s = pick(services), a = pick(aspects), v = pick(verbs);
  const p = pick(profs), pl = pick(places);
  return wpick([
    [20, () => `${cap(pl.dir)} ${p.nom}, jotka tukisivat ${g.gen} ${pick(activities)}`],
    [15, () => `${cap(p.gen)} läsnäolo ${g.gen} arjessa`],
    [20, () => `${pick(listAdjs)} ${pick(listNouns)} ${g.all}`],
    [20, () => `${cap(s.gen)} ${a.part} tulee ${v.inf}`],
    [10, () => `${cap(p.gen)} toivotaan kohdentavan aikaansa ${g.gen} pariin jalkautumiseen`],
    [15, () => `${cap(s.gen)} ${a.nom} ${pl.loc}`],
  ])();
}

function specText() {
  const g = pick(groups), s = pick(services), a = pick(aspects);
  return wpick([
    [40, () => `Erityisesti ${g.gen} ${s.gen} ${a.nom}`],
    [30, () => `Palvelupyynnön käsittely, eteneminen ja aikataulutus esim. ${pick(['digiasiointialustalla', 'Omaolo-palvelussa', 'chat-palvelussa', 'sähköisessä ajanvarauksessa', 'Keusote-applikaatiossa'])} tekstiviestein ja sähköpostitse.`],
    [30, () => `Myös ${g.nom} tulee huomioida ${s.gen} ${pick(procPairs)[1]}`],
  ])();
}

function actionText() {
  const g = pick(groups), s = pick(services), a = pick(aspects), v = pick(verbs);
  const p = pick(profs), pl = pick(places), m = pick(munis);
  return wpick([
    [20, () => { const [x, y] = pickN(procs, 2); return `${cap(s.gen)} ${x} ja ${y}`; }],
    [15, () => `${cap(p.nom)} ${pick(['toimivat', 'työskentelevät', 'päivystävät'])} ${pl.loc}. Palvelu on lähipalvelua.`],
    [8, () => `${cap(g.gen)} ${s.part} ${pick(['laajennetaan', 'tuodaan', 'jalkautetaan'])} ${chance(0.4) ? 'kaikkiin kuntiin' : m.dir + (chance(0.5) ? ' ja ' + pick(munis).dir : '')}.`],
    [7, () => `${cap(g.gen)} ${s.part} ${v.pass} ${m.loc}${chance(0.5) ? ' ja ' + pick(munis).loc : ''}.`],
    [15, () => `${cap(s.gen)} ${a.part} ${v.pass} ${pick(means)}.`],
    [8, () => `${cap(a.nom)} huomioidaan ${pick(newThings)} käyttöönotettaessa`],
    [12, () => { const s1 = pick(services.filter((x) => !x.pl)); return `${cap(g.all)} suunnattu ${s1.nom} ${pick(starts)} ${m.loc}`; }],
    [10, () => `${cap(g.gen)} ${s.gen} ${pick(procs)} ${m.loc}`],
    [5, () => `${cap(p.nom)} jalkautuvat ${pl.dir} ja tekevät yhteisöllistä työtä ${g.gen} kanssa.`],
  ])();
}

function statusCell() {
  const label = wpick(statuses);
  const notes = {
    'Ei aloitettu': () => pick([`Odottaa rahoituspäätöstä.`, `Siirtyy vuoden ${year()} talousarvioon.`, `Käynnistyy ${pick(seasons)} ${year()}.`]),
    'Suunnitteilla': () => pick([`Selvitys valmistuu ${pick(seasons)} ${year()}.`, `Suunnitelma käsitellään ${pick(boards)}.`, `Hankinta valmistelussa.`]),
    'Käynnissä': () => pick([`Pilotti käynnissä ${pick(munis).loc}.`, `Alusta kilpailutettu. Käyttöönotto alkamassa.`, `Osa toimenpiteistä toteutettu.`, `Rekrytointi käynnissä.`]),
    'Käsitelty': () => pick([`Päätös tehty ${pick(boards)} ${int(1, 12)}/${year()}.`, `Thinglink-ohjeita pilotoitu kausirokotusten ajanvarauksessa.`, `Vastaus annettu asukaspaneelille.`]),
    'Toteutettu': () => pick([`Otettu käyttöön ${pick(munis).loc} ja ${pick(munis).loc}.`, `Valmistui ${int(1, 12)}/${year()}.`, `Toteutettu suunnitellusti.`]),
    'Vakiintunut': () => pick([`On jo normaalissa toiminnassa.`, `Osa perustoimintaa.`, `Vakiintunut kaikissa kunnissa.`]),
    'Ei toteuteta': () => pick([`Ei rahoitusta.`, `Päällekkäinen ${pick(services).gen} kanssa.`, `Ei kuulu hyvinvointialueen tehtäviin.`]),
  };
  return chance(0.6) ? `${label} ${notes[label]()}` : label;
}

function unitsCell() {
  return pickN(units, wpick([[65, 1], [25, 2], [10, 3]])).join('; ');
}

function infoSentence() {
  const g = pick(groups), s = pick(services), m = pick(munis);
  return wpick([
    [10, () => `${cap(m.loc)} ${s.nom} on jo normaalissa toiminnassa.`],
    [10, () => `Etenemisestä uutisoidaan ${pick(channels)}.`],
    [10, () => `Ensimmäiset ${pick(listNouns)} julkaistaan vuoden ${year()} aikana.`],
    [10, () => `${cap(g.gen)} palautetta kerätään ${pick(feedbackWays)}.`],
    [10, () => `Yhteistyötä tehdään ${pick(orgs)} kanssa.`],
    [6, () => { const [a, b] = pickN(munis, 2); return `${a.nom} ja ${b.nom} eivät ole siirtäneet resurssia Keusoteen.`; }],
    [8, () => `Toimenpiteen vaikuttavuutta arvioidaan ${pick(periods)} välein.`],
    [8, () => `Rahoitus tulee ${pick(funding)}.`],
    [8, () => `Hankinnassa huomioidaan saavutettavuusvaatimukset ja ${pick(adjs).pl} ratkaisuja suositaan.`],
    [10, () => `Alustaan tulossa ${g.gen} ${pick(['valmennukset', 'digihoitopolut', 'asiointien koontinäkymä', 'ajanvaraus'])}.`],
    [10, () => `Kouluissa ja oppilaitoksissa on ${pick(profs).part}, jotka tekevät jalkautuvaa yhteisöllistä työtä.`],
  ])();
}

function infoCell() {
  const n = wpick([[10, 0], [25, 1], [30, 2], [25, 3], [10, 5]]);
  const out = [];
  for (let i = 0; i < n; i++) out.push(infoSentence());
  return out.join(' ');
}

// ------------------------------------------------------------------- table

// Returns an array of rows (arrays of 7 strings), exactly nrows long.
function table(nrows) {
  const rows = [];
  let rn = 0;
  while (rows.length < nrows) {
    rn++;
    const groupsInRec = int(1, 5);
    let sn = 0;
    let first = true;
    for (let gi = 0; gi < groupsInRec && rows.length < nrows; gi++) {
      let tark = wpick([[70, 'sub'], [15, 'spec'], [15, gi === 0 ? 'none' : 'sub']]);
      if (tark === 'sub') tark = `${rn}.${++sn}. ${subText()}`;
      else if (tark === 'spec') tark = specText();
      else tark = '';
      const nact = wpick([[35, 1], [30, 2], [20, 3], [10, 4], [5, 6]]);
      for (let ai = 0; ai < nact && rows.length < nrows; ai++) {
        rows.push([
          first ? `${rn}. ${recommendationText()}` : '',
          ai === 0 ? tark : '',
          chance(0.03) ? '' : actionText(),
          schedule(),
          statusCell(),
          chance(0.04) ? '' : unitsCell(),
          infoCell(),
        ].map((c) => (c.length > 1990 ? c.slice(0, 1990) : c)));
        first = false;
      }
    }
  }
  return rows;
}

const HEADER = ['Suositus', 'Tarkennus', 'Toimenpide', 'Aikataulu', 'Status', 'Vastuu', 'Lisätieto'];
function csvCell(c) {
  return /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
}
function toCsv(rows) {
  return [HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// ----------------------------------------------------------------- queries

const STOP = new Set(['ja', 'tai', 'on', 'ei', 'jotka', 'myös', 'esim', 'kuin', 'tulee',
  'olla', 'lisää', 'kanssa', 'aikana', 'vuoden', 'niiden', 'yhtä', 'lailla', 'ovat', 'eivät',
  'ole', 'tehdään', 'tekevät']);
function words(text) {
  return text.toLocaleLowerCase('fi').split(/[^a-zåäö0-9.:-]+/u)
    .map((w) => w.replace(/^[-.:]+|[-.:]+$/g, ''))
    .filter((w) => w.length >= 4 && !STOP.has(w) && !/^[0-9]/.test(w) && !w.includes(':'));
}
function encodeQuery(q) {
  return encodeURIComponent(q).replace(/%20/g, '+');
}

function queries(count, nrows) {
  const rows = table(nrows);
  const texts = rows.map((r) => [r[0], r[1], r[2], r[4], r[6]].join(' '));
  const seen = new Set();
  const out = [];
  const add = (q) => {
    q = q.trim().replace(/\s+/g, ' ');
    if (!q) return false;
    const key = q.toLocaleLowerCase('fi').split(' ').sort().join(' ');
    if (seen.has(key)) return false;
    seen.add(key); out.push(q); return true;
  };

  // Single words: every inflected form and base form in the vocabulary,
  // plus proper names the morphology does not know.
  const vocab = new Set();
  const addv = (s) => { for (const w of words(s)) vocab.add(w); };
  for (const g of groups) Object.values(g).forEach(addv);
  procPairs.forEach((p) => p.forEach(addv));
  for (const s of services) [s.base, s.nom, s.gen, s.part, s.loc, s.dir].forEach(addv);
  for (const a of aspects) Object.values(a).forEach(addv);
  for (const v of verbs) Object.values(v).forEach(addv);
  for (const p of profs) Object.values(p).forEach(addv);
  for (const p of places) Object.values(p).forEach(addv);
  for (const m of munis) Object.values(m).forEach(addv);
  for (const a of adjs) Object.values(a).forEach(addv);
  [procs, activities, listAdjs, listNouns, things, units, newThings, means, channels,
    feedbackWays, orgs].forEach((l) => l.forEach(addv));
  const singles = [...vocab].sort();
  const names = ['Keusote', 'Keusoten', 'SuomiSote', 'Thinglink', 'Pol.is', 'Omaolo', 'MIELI', 'HUS'];
  // Partial words (people type the start of a long compound).
  const partials = [];
  for (const w of singles) {
    if (w.length < 9 || w.includes('-')) continue;
    for (const n of [5, 7, 9, 12]) if (n < w.length - 1) partials.push(w.slice(0, n));
  }

  const pool = [...singles, ...names, ...partials];
  shuffle(pool);
  for (const q of pool) { if (out.length >= count) break; add(q); }
  const nsingle = out.length;

  // Two- and three-word searches: words taken from one row (so they
  // co-occur), in any order, and group+service combinations in base or
  // inflected form.
  let guard = 0;
  while (out.length < count && guard++ < count * 50) {
    const kind = rnd();
    if (kind < 0.15) {
      const g = pick(groups), s = pick(services);
      add(`${pick([g.base, g.nom, g.gen])} ${pick([s.base, s.nom, s.gen, s.part])}`);
      continue;
    }
    const ws = [...new Set(words(pick(texts)))].filter((w) => vocab.has(w));
    if (ws.length < 2) continue;
    if (kind < 0.75) add(pickN(ws, 2).join(' '));
    else if (kind < 0.95) add(pickN(ws, 3).join(' '));
    else { const [a, b] = pickN(ws, 2); add(`${a} ${b.slice(0, Math.max(4, b.length - int(1, 4)))}`); }
  }
  // Single-word and partial queries are common in real use but only a
  // couple of thousand exist: spread them over the first 6,000 queries
  // (about a quarter of those), so that a short run sees the same mix as a
  // long one at its start.  Multi-word queries fill the rest.
  const one = shuffle(out.slice(0, nsingle)), many = shuffle(out.slice(nsingle));
  const head = Math.min(out.length, Math.max(6000, nsingle));
  const res = [];
  let a = 0, b = 0;
  for (let k = 0; k < out.length; k++) {
    const wantOne = k < head && a < one.length && (b >= many.length || a * head <= k * one.length);
    res.push(wantOne ? one[a++] : many[b++]);
  }
  return res;
}

// -------------------------------------------------------------------- main

function parseArgs(argv) {
  const o = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) o[a.slice(2)] = argv[++i];
    else o._.push(a);
  }
  return o;
}

const opt = parseArgs(process.argv.slice(2));
const cmd = opt._[0];
const nrows = parseInt(opt.rows ?? '1000', 10);
const s0 = parseInt(opt.seed ?? '1', 10);
let output;
if (cmd === 'csv') {
  seed(s0 * 1000003 + nrows);
  output = toCsv(table(nrows));
} else if (cmd === 'queries') {
  seed(s0 * 1000003 + nrows);      // same table as `csv` with these options
  const count = parseInt(opt.count ?? '2000', 10);
  const qs = queries(count, nrows);
  if (qs.length < count) process.stderr.write(`gen.mjs: only ${qs.length} distinct queries\n`);
  output = qs.map(encodeQuery).join('\n') + '\n';
} else {
  process.stderr.write('usage: gen.mjs csv --rows N [--seed S] [--out F]\n' +
    '       gen.mjs queries --count N [--rows N] [--seed S] [--out F]\n');
  process.exit(2);
}
if (opt.out) writeFileSync(opt.out, output);
else process.stdout.write(output);
