//! The demo event's made-up content: pitches, names and the head count.

use crate::domain::Skill;

pub(super) const PITCHES: [(&str, &str, &[Skill]); 25] = [
    (
        "Discharge letters patients can read",
        "Discharge letters are written for GPs. Patients go home confused about their medicines. Turn the letter into plain language with a checklist.",
        &[Skill::Clinician, Skill::Developer, Skill::Patient],
    ),
    (
        "Ward bed board on a phone",
        "Bed managers walk the wards to find free beds. A live board the nurse in charge updates from a phone would save hours a day.",
        &[Skill::Developer, Skill::Designer, Skill::Clinician],
    ),
    (
        "Clinic waiting time texts",
        "Outpatients sit for an hour not knowing how late clinic runs. Text them when they are next so they can get a coffee.",
        &[Skill::Developer, Skill::Patient],
    ),
    (
        "Sepsis screening prompt",
        "Early warning scores are on paper. A prompt on the observation tablet when NEWS2 rises could catch sepsis sooner.",
        &[Skill::Clinician, Skill::Developer],
    ),
    (
        "Easy-read appointment letters",
        "People with learning disabilities get letters they cannot read. Generate easy-read versions with pictures.",
        &[Skill::Designer, Skill::Patient, Skill::Developer],
    ),
    (
        "Handover without the paper",
        "Night handover is a stack of printed sheets. Make a shared, safe handover list that follows the patient.",
        &[Skill::Clinician, Skill::Developer, Skill::Designer],
    ),
    (
        "Find a defibrillator",
        "Bystanders do not know where the nearest defibrillator is or whether its cabinet code is known. Map them with opening hours.",
        &[Skill::Developer, Skill::Designer],
    ),
    (
        "Medicines reminder for carers",
        "Carers juggle medicines for parents on many tablets. A shared reminder that both can tick off.",
        &[Skill::Patient, Skill::Developer],
    ),
    (
        "Theatre list that updates itself",
        "Theatre lists change all morning and nobody knows. Push changes to porters, anaesthetists and wards.",
        &[Skill::Clinician, Skill::Developer],
    ),
    (
        "Translate the consent form",
        "Consent forms in English only. Offer checked translations and read-aloud for the ten most common languages.",
        &[Skill::Clinician, Skill::Designer, Skill::Other],
    ),
    (
        "Falls risk from the bedside",
        "Falls assessments are filled in once and forgotten. A quick bedside re-check each shift with a nudge.",
        &[Skill::Clinician, Skill::Designer],
    ),
    (
        "Open data on A&E waits",
        "Waiting times are published as spreadsheets nobody opens. Make them a friendly map by hour of the day.",
        &[Skill::Developer, Skill::Student],
    ),
    (
        "Patient-held allergy card",
        "Allergies get lost between hospitals. A card on the phone the patient controls and can show anywhere.",
        &[Skill::Patient, Skill::Developer, Skill::Clinician],
    ),
    (
        "Junior doctor rota swaps",
        "Swapping shifts means forty WhatsApp messages. A swap board that checks the rules for rest and hours.",
        &[Skill::Clinician, Skill::Developer],
    ),
    (
        "Blood test results explained",
        "Patients see their results in the app with no explanation. Explain each value in plain words with ranges.",
        &[Skill::Clinician, Skill::Patient, Skill::Designer],
    ),
    (
        "Community transport booking",
        "Patients miss appointments because the transport booking line is always busy. Book it online.",
        &[Skill::Developer, Skill::Patient],
    ),
    (
        "Pressure ulcer photo tracking",
        "Wound photos live on personal phones. Take them in a safe app, compare over time, keep them off the camera roll.",
        &[Skill::Clinician, Skill::Developer, Skill::Designer],
    ),
    (
        "Mental health crisis card",
        "In crisis people cannot remember who to call. A calm card with their own plan and numbers, offline.",
        &[Skill::Patient, Skill::Designer],
    ),
    (
        "Stock check for the drug cupboard",
        "Ward drug cupboards run out on Fridays. Count with a phone camera and order before the weekend.",
        &[Skill::Clinician, Skill::Developer, Skill::Student],
    ),
    (
        "Dementia-friendly ward signs",
        "Wards are confusing for people with dementia. Design and test signs, and a guide to print them.",
        &[Skill::Designer, Skill::Patient, Skill::Other],
    ),
    (
        "GP referral status tracker",
        "Patients phone the GP to ask where their referral is. Show where it is, like a parcel.",
        &[Skill::Developer, Skill::Patient, Skill::Designer],
    ),
    (
        "Volunteer drivers map",
        "Volunteer drivers and patients who need lifts cannot find each other. Match them by area and time.",
        &[Skill::Developer, Skill::Other],
    ),
    (
        "Antibiotic guideline in your pocket",
        "The local antibiotic guideline is a 60-page PDF. Make it a quick, searchable decision aid.",
        &[Skill::Clinician, Skill::Developer, Skill::Student],
    ),
    (
        "Carers' respite finder",
        "Unpaid carers do not know what respite they can get. One page that asks five questions and answers.",
        &[Skill::Patient, Skill::Designer, Skill::Developer],
    ),
    (
        "Physio exercises with video",
        "Patients forget their physio exercises by the time they are home. Short videos and a tick list, offline.",
        &[Skill::Clinician, Skill::Designer, Skill::Developer],
    ),
];

pub(super) const FIRST: [&str; 30] = [
    "Aisha", "Ben", "Chloe", "Dev", "Emma", "Farhan", "Grace", "Hamza", "Isla", "Jack", "Kemi",
    "Liam", "Maya", "Nikhil", "Olivia", "Priya", "Quinn", "Rosa", "Sam", "Tomasz", "Uma", "Victor",
    "Wen", "Xavier", "Yusuf", "Zara", "Owen", "Niamh", "Ravi", "Eleanor",
];
pub(super) const LAST: [&str; 20] = [
    "Ahmed",
    "Brown",
    "Chen",
    "Davies",
    "Evans",
    "Fernandes",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Murphy",
    "Nowak",
    "Okafor",
    "Patel",
    "Roberts",
    "Singh",
    "Taylor",
    "Williams",
];

pub(super) const ATTENDEES: usize = 120;
