package dev.lethe.classifier.internal;

import dev.lethe.classifier.PiiType;
import dev.lethe.classifier.SpecialCategory;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Field-name words (joined, lower case) in English, German, French, Spanish, Italian and Dutch, with
 * what they name. Accented entries are also registered without accents.
 */
final class FieldVocabulary {

    static final Map<String, PiiType> TYPES = new HashMap<>();
    static final Map<String, SpecialCategory> SPECIAL = new HashMap<>();
    static final Set<String> NEGATIVE = new HashSet<>();

    static {
        type(
                PiiType.EMAIL_ADDRESS,
                "email emailaddress emailadresse mail mailaddress courriel adressemail correo"
                        + " correoelectrónico correoelectronico posta postaelettronica emailadres mailadres");
        type(
                PiiType.PHONE_NUMBER,
                "phone phonenumber phoneno telephone tel telno telefon telefonnummer mobile"
                        + " mobil handy handynummer cell cellphone mobilephone mobilenumber fax téléphone portable"
                        + " numerodetelephone teléfono telefono móvil movil cellulare telefoon telefoonnummer mobiel gsm"
                        + " msisdn contactnumber rufnummer");
        type(
                PiiType.IP_ADDRESS,
                "ip ipaddress ipaddr clientip remoteip remoteaddr remoteaddress sourceip srcip"
                        + " dstip destip ipv4 ipv6 lastloginip ipadresse adresseip direccionip indirizzoip");
        type(PiiType.MAC_ADDRESS, "mac macaddress macaddr hwaddr hwaddress macadresse bssid");
        type(PiiType.URL, "url website homepage webseite link profileurl siteweb sitioweb");
        type(
                PiiType.GEO_COORDINATES,
                "lat latitude lon lng long longitude latlng latlon geo geolocation"
                        + " coordinates coords gps location position breitengrad laengengrad längengrad koordinaten"
                        + " coordonnees coordonnées coordenadas coordinate posizione locatie");
        type(
                PiiType.CREDIT_CARD,
                "cardnumber creditcard creditcardnumber cc ccnumber ccnum pan card cardno"
                        + " kreditkarte kreditkartennummer kartennummer numerocarte cartebancaire tarjeta numerotarjeta"
                        + " tarjetacredito cartadicredito numerocarta creditcardnummer");
        type(
                PiiType.IBAN,
                "iban ibannumber bankaccount accountnumber accountno konto kontonummer"
                        + " bankverbindung rib compte comptebancaire cuenta cuentabancaria conto contocorrente"
                        + " rekeningnummer rekening bankrekening");
        type(PiiType.SWIFT_BIC, "bic swift swiftcode swiftbic biccode");
        type(
                PiiType.CRYPTO_WALLET,
                "wallet walletaddress btcaddress bitcoinaddress ethaddress cryptoaddress" + " bitcoin ethereum");
        type(PiiType.US_SSN, "ssn socialsecuritynumber socialsecurity socialsecurityno");
        type(PiiType.US_ITIN, "itin");
        type(PiiType.UK_NINO, "nino nationalinsurancenumber nationalinsurance ninumber");
        type(PiiType.UK_NHS, "nhs nhsnumber nhsno");
        type(PiiType.DE_TAX_ID, "steuerid steueridentifikationsnummer idnr steuernummer steuerident");
        type(PiiType.FR_NIR, "nir numerosecu numerosecuritesociale securitesociale insee numerodesecuritesociale");
        type(PiiType.ES_DNI, "dni nie nif dninie");
        type(PiiType.IT_FISCAL_CODE, "codicefiscale cf fiscalcode");
        type(PiiType.NL_BSN, "bsn burgerservicenummer sofinummer");
        type(PiiType.PL_PESEL, "pesel");
        type(PiiType.SE_PERSONNUMMER, "personnummer personnr");
        type(PiiType.FI_HETU, "hetu henkilotunnus henkilötunnus");
        type(
                PiiType.BE_NATIONAL_NUMBER,
                "rijksregisternummer nationalnumber registrenational insz niss" + " numeronational");
        type(
                PiiType.EU_VAT,
                "vat vatnumber vatid vatno ustid ustidnr umsatzsteuerid tva numerotva iva partitaiva"
                        + " btw btwnummer");
        type(
                PiiType.PASSPORT,
                "passport passportnumber passportno passportid reisepass reisepassnummer"
                        + " passnummer passeport numeropasseport pasaporte passaporto paspoort paspoortnummer");
        type(
                PiiType.PERSON_NAME,
                "name fullname firstname lastname givenname familyname surname forename"
                        + " middlename vorname nachname familienname nom prenom prénom nomdefamille nombre apellido"
                        + " apellidos nombrecompleto cognome nomecompleto voornaam achternaam naam contactname"
                        + " customername cardholder accountholder holder patientname");
        type(
                PiiType.POSTAL_ADDRESS,
                "address streetaddress street addressline addressline1 addressline2"
                        + " postaladdress homeaddress billingaddress shippingaddress mailingaddress adresse anschrift"
                        + " strasse straße wohnadresse direccion dirección domicilio indirizzo adres straat woonadres"
                        + " postadres");
        type(
                PiiType.DATE_OF_BIRTH,
                "dob dateofbirth birthdate birthday bday geburtsdatum geburtstag"
                        + " datenaissance datedenaissance fechanacimiento fechadenacimiento datanascita datadinascita"
                        + " geboortedatum");
        type(PiiType.GENDER, "gender sex geschlecht sexe genre sexo genero género genere sesso geslacht");
        type(PiiType.AGE, "age alter âge edad eta età leeftijd");
        type(
                PiiType.API_KEY,
                "apikey apitoken token accesstoken secret secretkey clientsecret authtoken"
                        + " bearertoken refreshtoken authorization apisecret secretaccesskey awssecretaccesskey");
        type(PiiType.AWS_ACCESS_KEY, "awsaccesskeyid accesskeyid awsaccesskey");
        type(PiiType.PRIVATE_KEY, "privatekey sshkey privkey signingkey");
        type(
                PiiType.PASSWORD,
                "password passwd pwd pass passwort kennwort motdepasse contrasena contraseña"
                        + " wachtwoord passphrase parola parolachiave");
        special(
                SpecialCategory.HEALTH,
                "health diagnosis diagnose diagnosi diagnostico diagnóstico medical"
                        + " medicalcondition healthcondition medication medications medicine prescription allergy"
                        + " allergies disability illness disease symptoms treatment gesundheit krankheit medikament"
                        + " sante santé maladie salud enfermedad salute malattia gezondheid ziekte bloodtype bloodgroup"
                        + " patient therapy vaccination vaccinations pregnancy pregnant handicap behinderung diabetes hiv cancer"
                        + " asthma depression mentalhealth covid vaccinated disabled");
        special(
                SpecialCategory.GENETIC,
                "genetic genetics genome dna genetisch genetique génétique genetico" + " genetica");
        special(
                SpecialCategory.BIOMETRIC,
                "biometric biometrics fingerprint faceprint faceid retina iris"
                        + " voiceprint biometrie biométrie biometria fingerabdruck");
        special(
                SpecialCategory.RACIAL_ETHNIC_ORIGIN,
                "ethnicity ethnic race racial ethnie ethnizitat ethnizität"
                        + " etnia etnico étnico afkomst etniciteit ethnischeherkunft");
        special(
                SpecialCategory.POLITICAL_OPINION,
                "political politicalparty politicalview politicalviews"
                        + " politicalopinion partei parteizugehorigkeit parteizugehörigkeit politique partido"
                        + " partitopolitico politiek");
        special(
                SpecialCategory.RELIGION,
                "religion religious faith confession konfession religionszugehorigkeit"
                        + " religionszugehörigkeit religione religie geloof denomination beliefs");
        special(
                SpecialCategory.TRADE_UNION,
                "tradeunion unionmember unionmembership gewerkschaft syndicat" + " sindicato sindacato vakbond");
        special(
                SpecialCategory.SEX_LIFE_ORIENTATION,
                "sexualorientation sexuality sexlife sexualitat sexualität"
                        + " orientationsexuelle orientacionsexual orientamentosessuale seksualiteit lgbt");
        NEGATIVE.addAll(Set.of(
                "id",
                "uuid",
                "guid",
                "order",
                "orderid",
                "sku",
                "isbn",
                "ean",
                "upc",
                "gtin",
                "version",
                "hash",
                "checksum",
                "sha",
                "md5",
                "price",
                "amount",
                "total",
                "count",
                "quantity",
                "qty",
                "tracking",
                "reference",
                "ref",
                "timestamp",
                "created",
                "updated",
                "modified",
                "status",
                "invoice",
                "product",
                "article",
                "artikel",
                "bestellnummer",
                "commande",
                "pedido",
                "ordine",
                "bestelling",
                "etag",
                "seq",
                "sequence",
                "offset",
                "revision",
                "build",
                "serial",
                "ticket",
                "transaction",
                "txn"));
    }

    private FieldVocabulary() {}

    private static void type(PiiType type, String words) {
        for (String w : words.split(" ")) {
            TYPES.put(w, type);
            TYPES.putIfAbsent(fold(w), type);
        }
    }

    private static void special(SpecialCategory category, String words) {
        for (String w : words.split(" ")) {
            SPECIAL.put(w, category);
            SPECIAL.putIfAbsent(fold(w), category);
        }
    }

    /** "géburtsdatum" -> "geburtsdatum": names are often typed without accents. */
    static String fold(String word) {
        String decomposed = Normalizer.normalize(word, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").replace("ß", "ss");
    }
}
