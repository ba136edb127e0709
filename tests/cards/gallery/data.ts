/**
 * Data for the card gallery: the example network and meeting the bot tests import, and a
 * second network at the largest realistic sizes — 15 members, 20 agenda items, an item with
 * 10 proposals, long titles — so that reviewers see how cards grow.
 */
import { MAX_ATTACHMENTS } from '../../../services/model';
import { exampleMeeting, exampleNetwork } from '../../helpers/bot';

/** The import files of the example network and its meeting of 2 June 2021. */
export const exampleImports = () => ({ network: exampleNetwork(), meeting: exampleMeeting() });

const member = (name: string, email: string, role: string, appointedBy: string) => ({ name, email, role, appointedBy });

const LARGE_NETWORK = {
  id: 'hjerte',
  name: 'Nationalt specialistnetværk for Arvelige hjertesygdomme og pludselig uventet hjertedød',
  organisation: 'Nationalt Genom Center',
  unit: 'Afdeling for Klinisk Implementering',
  members: [
    member('Christiane Bendtsen-Frederiksen', 'christiane.frederiksen@example.dk', 'chair', 'Dansk Cardiologisk Selskab'),
    member('Jørgen Højgaard Østergaard', 'jorgen.ostergaard@example.dk', 'vice-chair', 'Region Hovedstaden'),
    member('Anne-Mette Kjærgaard Sørensen', 'annemette.sorensen@example.dk', 'member', 'Region Sjælland'),
    member('Birgitte Aagaard Mølgaard', 'birgitte.molgaard@example.dk', 'member', 'Region Syddanmark'),
    member('Henrik Vestergaard Lauridsen', 'henrik.lauridsen@example.dk', 'member', 'Region Midtjylland'),
    member('Louise Brønnum Thygesen', 'louise.thygesen@example.dk', 'member', 'Region Nordjylland'),
    member('Rasmus Overgaard Kristiansen', 'rasmus.kristiansen@example.dk', 'member', 'Dansk Selskab for Klinisk Genetik'),
    member('Signe Wæver Halkjær', 'signe.halkjaer@example.dk', 'member', 'Dansk Pædiatrisk Selskab'),
    member('Thomas Frølund Espersen', 'thomas.espersen@example.dk', 'member', 'Dansk Selskab for Retsmedicin'),
    member('Maria Søndergaard Iversen', 'maria.iversen@example.dk', 'member', 'Dansk Selskab for Klinisk Biokemi'),
    member('Niels Bøgelund Rasmussen', 'niels.rasmussen@example.dk', 'member', 'LVS'),
    member('Katrine Lykke Damsgaard', 'katrine.damsgaard@example.dk', 'member', 'LVS'),
    member('Mikkel Ærø Johannesen', 'mikkel.johannesen@example.dk', 'staff', 'Nationalt Genom Center'),
    member('Pernille Storm Andreasen', 'pernille.andreasen@example.dk', 'staff', 'Nationalt Genom Center'),
    member('Sofie Kragh Vinther-Nielsen', 'sofie.nielsen@example.dk', 'secretary', 'Nationalt Genom Center'),
  ],
};

const INDICATIONS = [
  ['Hypertrofisk kardiomyopati (HCM) med ukendt genetisk årsag', 'Maksimal vægtykkelse ≥ 15 mm uden anden forklaring, eller ≥ 13 mm hos førstegradsslægtning.'],
  ['Dilateret kardiomyopati (DCM) med familiær disposition', 'Nedsat venstre ventrikelfunktion (EF < 45 %) og mindst én førstegradsslægtning med DCM eller pludselig død < 50 år.'],
  ['Arytmogen kardiomyopati (ACM)', 'Opfylder Task Force-kriterierne (2010) for definitiv eller sandsynlig ACM.'],
  ['Langt QT-syndrom (LQTS)', 'QTc ≥ 480 ms gentagne gange, eller Schwartz-score ≥ 3,5, eller uforklaret synkope med QTc ≥ 460 ms.'],
  ['Brugada-syndrom', 'Spontant type 1-mønster, eller lægemiddelinduceret type 1 med arytmisk synkope eller familiehistorie.'],
  ['Katekolaminerg polymorf ventrikulær takykardi (CPVT)', 'Bidirektionel eller polymorf VT ved arbejdstest uden strukturel hjertesygdom.'],
  ['Pludselig uventet hjertedød hos unge under 50 år', 'Obduktion uden forklarende fund; DNA fra afdøde sikret ved retsmedicinsk obduktion.'],
  ['Familiær hyperkolesterolæmi hos børn', 'LDL-kolesterol ≥ 4,0 mmol/l hos barn med forælder med genetisk bekræftet FH.'],
  ['Medfødte hjertefejl med ekstrakardielle misdannelser', 'Kompleks medfødt hjertefejl sammen med mindst én anden større misdannelse eller udviklingsforstyrrelse.'],
  ['Aortasygdom (thorakalt aortaaneurisme og -dissektion)', 'Dissektion eller aneurisme < 60 år uden hypertension, eller familiær forekomst.'],
];

/** The most Bilag an item may have, each linked to its file in the channel's Files (one, handed out at the meeting, without). */
const ATTACHMENTS = Array.from({ length: MAX_ATTACHMENTS }, (_, i) => ({
  title: `Bilag 3.${i + 1}: ${i === 0 ? 'Forslag til indikationer og kriterier for helgenomsekventering, revideret efter høringen' : `Litteraturgennemgang, del ${i}`}`,
  ...(i === 1 ? {} : { url: `https://regionh.sharepoint.com/sites/specialistnetvaerk-kardiologi/Delte%20dokumenter/M%C3%B8der/2021/Bilag%203.${i + 1}.docx` }),
}));

const TITLES = [
  'Velkommen og godkendelse af dagsorden',
  'Godkendelse af referat fra mødet den 2. juni 2021',
  'Nyt fra Nationalt Genom Center, herunder status for infrastruktur og kapacitet',
  'Drøftelse af indikationer og kriterier for helgenomsekventering, opgave 1',
  'Estimat af patientantal og sekventeringer pr. år for hver indikation',
  'Forventet diagnostisk udbytte og merværdi: gennemgang af litteratur',
  'Regional kortlægning af nuværende set-up, opgave 2: status fra regionerne',
  'Samarbejde med de retsmedicinske institutter om pludselig uventet død',
  'Kaskadescreening af slægtninge: organisering og ansvar',
  'Information til patienter og pårørende om helgenomsekventering',
  'Samtykke og håndtering af sekundære fund',
  'Fortolkning af varianter: fælles nationale retningslinjer',
  'Udpegning af repræsentant for pædiatrien',
  'Høring over udkast til national strategi for personlig medicin',
  'Tidsplan for arbejdet frem mod indstilling til styregruppen',
  'Kommunikation om netværkets arbejde',
  'Mødeplan for 2022',
  'Evaluering af mødeformen',
  'Orientering om kommende konferencer',
  'Eventuelt',
];

/** The largest realistic meeting: 20 items, one with 10 proposals, tasks and long texts. */
const LARGE_MEETING = {
  networkId: LARGE_NETWORK.id,
  title: 'Møde i nationalt specialistnetværk for Arvelige hjertesygdomme og pludselig uventet hjertedød',
  start: '2021-09-08T09:30:00+02:00',
  end: '2021-09-08T15:30:00+02:00',
  location: 'Nationalt Genom Center, Ole Maaløes Vej 5, København N, og virtuelt via Teams',
  chair: 'christiane.frederiksen@example.dk',
  secretary: 'sofie.nielsen@example.dk',
  caseNumber: '2112345',
  documentNumber: '1834567',
  agenda: TITLES.map((title, number) => ({
    number,
    minutes: number === 3 ? 90 : number % 4 === 0 ? 10 : 20,
    title,
    recommendations:
      number === 0 || number === TITLES.length - 1
        ? []
        : [
            `Det indstilles, at specialistnetværket drøfter ${title.toLowerCase()} med henblik på at opnå konsensus.`,
            'Det indstilles, at specialistnetværket aftaler den videre proces og fordeler opgaverne mellem medlemmerne.',
          ],
    problem:
      number === 3
        ? 'Der er bevilget midler til helgenomsekventeringer, som skal fordeles på udvalgte patientgrupper. Netværket skal nå til konsensus om indikationer og kriterier for klinisk anvendelse.'
        : undefined,
    attachments: number === 3 ? ATTACHMENTS : [],
    proposals:
      number === 3
        ? INDICATIONS.map(([indication, criteria], i) => ({
            kind: 'indication',
            title: indication,
            criteria,
            patientsPerYear: 20 + i * 15,
            sequencingsPerYear: 60 + i * 40,
            diagnosticYield: `${10 + i * 3}-${25 + i * 4} %`,
            addedValue: 'Genetisk diagnose giver målrettet behandling, prognose og mulighed for kaskadescreening af slægtninge.',
          }))
        : number === 1
          ? [{ kind: 'decision', title: 'Referatet fra mødet den 2. juni 2021 godkendes uden ændringer.' }]
          : [],
    tasks:
      number === 6
        ? [
            {
              title: 'Udfyld skema 2: regional kortlægning af nuværende set-up',
              description: 'Beskriv rekvirering, sekventering, fortolkning og svarafgivelse i regionen.',
              assignees: 'regions',
              due: '2021-10-06',
              deliverTo: 'sofie.nielsen@example.dk',
            },
            { title: 'Kommentarer til udkast til indikationer', assignees: 'members', due: '2021-09-29T12:00:00+02:00' },
          ]
        : [],
  })),
};

export const largeImports = () => ({ network: LARGE_NETWORK, meeting: LARGE_MEETING });
