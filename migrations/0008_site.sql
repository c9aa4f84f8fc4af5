-- What a public-sector site must have (Act 306/2019, GDPR): the county's
-- own details on every page, the accessibility statement and the
-- privacy notice as texts the participation team keeps, and residents'
-- feedback on accessibility, which the law gives 14 days to answer.
-- Written only through the functions of sql/functions/site.sql.

-- The county's name and contact details, and the statement's facts;
-- one row. The names per language: a bilingual county has both.
CREATE TABLE site (
	id		integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
	name		text NOT NULL DEFAULT ''
			CHECK (char_length(name) <= 200),
	name_sv		text NOT NULL DEFAULT ''
			CHECK (char_length(name_sv) <= 200),
	name_en		text NOT NULL DEFAULT ''
			CHECK (char_length(name_en) <= 200),
	address		text NOT NULL DEFAULT ''
			CHECK (char_length(address) <= 300),
	phone		text NOT NULL DEFAULT ''
			CHECK (char_length(phone) <= 50),
	email		text NOT NULL DEFAULT ''
			CHECK (char_length(email) <= 254),
	website		text NOT NULL DEFAULT ''
			CHECK (char_length(website) <= 300 AND
			    (website = '' OR
			    website ~ '^https?://[^[:space:]/?#]+[^[:space:]]*$')),
	-- The accessibility statement: how far the site complies, when
	-- the statement was made and when the site was last assessed.
	compliance	text NOT NULL DEFAULT 'partial'
			CHECK (compliance IN ('full', 'partial', 'none')),
	statement_date	date NOT NULL DEFAULT current_date,
	assessed_date	date NOT NULL DEFAULT current_date
);
INSERT INTO site DEFAULT VALUES;

-- The county's logo, apart from site so that history does not copy it.
CREATE TABLE site_logo (
	id		integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
	content_type	text NOT NULL CHECK (content_type IN
			    ('image/png', 'image/jpeg', 'image/svg+xml')),
	data		bytea NOT NULL
			CHECK (octet_length(data) BETWEEN 1 AND 262144),
	updated_at	timestamptz NOT NULL DEFAULT now()
);

-- The editable part of each statement, per language: plain text where a
-- blank line ends a paragraph, "## " starts a heading and "- " an item
-- of a list. Never HTML: it is escaped when shown.
CREATE TABLE site_text (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	page		text NOT NULL CHECK (page IN ('accessibility', 'privacy')),
	lang		text NOT NULL CHECK (lang IN ('fi', 'sv', 'en')),
	body		text NOT NULL DEFAULT ''
			CHECK (char_length(body) <= 20000),
	UNIQUE (page, lang)
);

-- Feedback on accessibility from anyone; name and e-mail are optional.
CREATE TABLE accessibility_feedback (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	received_at	timestamptz NOT NULL DEFAULT now(),
	name		text NOT NULL DEFAULT ''
			CHECK (char_length(name) <= 200),
	email		text NOT NULL DEFAULT ''
			CHECK (char_length(email) <= 254),
	message		text NOT NULL
			CHECK (char_length(message) BETWEEN 1 AND 5000),
	lang		text NOT NULL CHECK (lang IN ('fi', 'sv', 'en')),
	answered_at	timestamptz,
	answered_by	bigint REFERENCES app_user (id)
);
CREATE INDEX accessibility_feedback_received
	ON accessibility_feedback (received_at);

-- When each address sent feedback, for a limit per hour; kept a day.
CREATE TABLE feedback_attempt (
	ip		text NOT NULL,
	at		timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feedback_attempt_ip_at ON feedback_attempt (ip, at);

-- The texts a new site starts with; the participation team edits them.
INSERT INTO site_text (page, lang, body) VALUES
('accessibility', 'fi', $t$Tämä saavutettavuusseloste koskee Toteuma-palvelua, jossa hyvinvointialue kertoo, mitä asukkaiden suosituksille on tapahtunut. Palvelu pyrkii täyttämään digitaalisten palvelujen tarjoamisesta annetun lain (306/2019) ja WCAG 2.1 -ohjeiston AA-tason vaatimukset.

## Sisältö, joka ei ole saavutettavaa

- Ladattavat Excel-tiedostot (.xlsx) eivät ole kaikilta osin saavutettavia. Samat tiedot ovat saavutettavina verkkosivun taulukkona ja CSV-tiedostona.
- Osa sisällöstä voi olla vain suomeksi, kun käännöstä ei ole vielä tehty. Sivu kertoo tästä erikseen.

Korjaamme puutteet sitä mukaa kuin niitä löytyy. Jos huomaat puutteen, kerro siitä alla olevalla lomakkeella.$t$),
('accessibility', 'sv', $t$Detta tillgänglighetsutlåtande gäller tjänsten Toteuma, där välfärdsområdet berättar vad som har hänt med invånarnas rekommendationer. Tjänsten strävar efter att uppfylla kraven i lagen om tillhandahållande av digitala tjänster (306/2019) och nivå AA i WCAG 2.1.

## Innehåll som inte är tillgängligt

- Excelfilerna (.xlsx) som kan laddas ner är inte tillgängliga i alla delar. Samma uppgifter finns tillgängliga som tabell på webbsidan och som CSV-fil.
- En del av innehållet kan finnas endast på finska, om det ännu inte har översatts. Sidan berättar det separat.

Vi åtgärdar bristerna efter hand som de upptäcks. Om du märker en brist, berätta om den med formuläret nedan.$t$),
('accessibility', 'en', $t$This accessibility statement applies to the Toteuma service, where the wellbeing services county tells what has become of residents' recommendations. The service aims to meet the requirements of the Act on the Provision of Digital Services (306/2019) and level AA of WCAG 2.1.

## Content that is not accessible

- The downloadable Excel files (.xlsx) are not accessible in every respect. The same data is available as an accessible table on the web page and as a CSV file.
- Some content may be in Finnish only when it has not been translated yet. The page says so.

We fix shortcomings as they are found. If you notice one, please tell us with the form below.$t$),
('privacy', 'fi', $t$## Mihin tietoja käytetään

Toteuma-palvelussa hyvinvointialue julkaisee, mitä asukkaiden suosituksille on tapahtunut. Henkilötietoja käsitellään palvelun ylläpitoon, henkilöstön kirjautumiseen, muutosten jäljitettävyyteen ja saavutettavuuspalautteisiin vastaamiseen. Käsittelyn peruste on hyvinvointialueen lakisääteisten tehtävien hoitaminen ja yleinen etu.

## Mitä tietoja tallennetaan

- Henkilöstön käyttäjätilit: sähköpostiosoite, rooli, vastuuyksikkö ja salasanan tiiviste.
- Tapahtumaloki: kuka muutti mitä ja milloin sekä kirjautumisyritykset IP-osoitteineen.
- Saavutettavuuspalautteet: viesti sekä vapaaehtoisesti annettu nimi ja sähköpostiosoite.
- Asukkaiden selailusta ei tallenneta mitään muuta kuin palvelimen tavanomaiset lokitiedot (aika, IP-osoite, pyydetty sivu). Palvelu ei käytä evästeitä eikä seurantaa asukkaiden sivuilla.

## Kuinka kauan tietoja säilytetään

Tapahtumaloki poistetaan kahden vuoden kuluttua ja kirjautumisyritykset 30 päivän kuluttua. Palvelimen lokitiedot säilytetään vain lyhyen ajan tietoturvaa varten. Saavutettavuuspalaute säilytetään niin kauan kuin sen käsittely ja seuranta vaatii.

## Oikeutesi

Sinulla on oikeus saada tietää, mitä tietoja sinusta on tallennettu, ja pyytää virheellisten tietojen korjaamista tai tietojen poistamista. Ota yhteyttä rekisterinpitäjään yllä olevilla yhteystiedoilla.$t$),
('privacy', 'sv', $t$## Vad uppgifterna används till

I tjänsten Toteuma publicerar välfärdsområdet vad som har hänt med invånarnas rekommendationer. Personuppgifter behandlas för att underhålla tjänsten, för personalens inloggning, för att ändringar ska kunna spåras och för att besvara respons om tillgänglighet. Grunden för behandlingen är välfärdsområdets lagstadgade uppgifter och allmänt intresse.

## Vilka uppgifter som sparas

- Personalens användarkonton: e-postadress, roll, ansvarsenhet och lösenordets hashvärde.
- Händelseloggen: vem som ändrade vad och när, samt inloggningsförsök med IP-adress.
- Respons om tillgänglighet: meddelandet och, om du vill, ditt namn och din e-postadress.
- Av invånarnas användning sparas inget annat än serverns vanliga loggar (tid, IP-adress, begärd sida). Tjänsten använder inga kakor och ingen spårning på invånarnas sidor.

## Hur länge uppgifterna sparas

Händelseloggen raderas efter två år och inloggningsförsöken efter 30 dagar. Serverns loggar sparas endast en kort tid för informationssäkerheten. Respons om tillgänglighet sparas så länge som behandlingen och uppföljningen kräver.

## Dina rättigheter

Du har rätt att få veta vilka uppgifter om dig som har sparats och att begära att felaktiga uppgifter rättas eller att uppgifterna raderas. Kontakta den personuppgiftsansvarige med kontaktuppgifterna ovan.$t$),
('privacy', 'en', $t$## What the data is used for

In the Toteuma service the wellbeing services county publishes what has become of residents' recommendations. Personal data is processed to run the service, for staff sign-in, to keep changes traceable and to answer feedback on accessibility. The basis is the county's statutory tasks and the public interest.

## What is stored

- Staff accounts: e-mail address, role, responsible unit and a hash of the password.
- The audit log: who changed what and when, and sign-in attempts with their IP address.
- Feedback on accessibility: the message and, if you give them, your name and e-mail address.
- Residents' use stores nothing but the server's usual logs (time, IP address, page asked for). The service uses no cookies and no tracking on residents' pages.

## How long it is kept

The audit log is deleted after two years and sign-in attempts after 30 days. The server's logs are kept only for a short time for security. Feedback on accessibility is kept as long as handling and following it up requires.

## Your rights

You have the right to know what data about you is stored and to ask for wrong data to be corrected or for data to be deleted. Contact the controller with the contact details above.$t$);
