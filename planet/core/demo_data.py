"""Tables for the demo content: the first curated projects, partners, innovators, and the
word lists and places from which `load_demo` composes a few hundred believable projects.

Every text here is written for this demo.
"""

# code: (place, latitude, longitude, main language). Capitals or large cities, approximate.
PLACES = {
    "AR": ("Buenos Aires", -34.60, -58.38, "es"),
    "AU": ("Canberra", -35.28, 149.13, "en"),
    "BD": ("Dhaka", 23.81, 90.41, "bn"),
    "BE": ("Brussels", 50.85, 4.35, "fr"),
    "BF": ("Ouagadougou", 12.37, -1.53, "fr"),
    "BO": ("La Paz", -16.49, -68.12, "es"),
    "BR": ("Brasília", -15.79, -47.88, "pt"),
    "CA": ("Ottawa", 45.42, -75.70, "en"),
    "CD": ("Kinshasa", -4.44, 15.27, "fr"),
    "CH": ("Bern", 46.95, 7.45, "de"),
    "CL": ("Santiago", -33.45, -70.67, "es"),
    "CM": ("Yaoundé", 3.85, 11.50, "fr"),
    "CN": ("Beijing", 39.90, 116.41, "zh"),
    "CO": ("Bogotá", 4.71, -74.07, "es"),
    "CR": ("San José", 9.93, -84.08, "es"),
    "DE": ("Berlin", 52.52, 13.40, "de"),
    "DK": ("Copenhagen", 55.68, 12.57, "da"),
    "EC": ("Quito", -0.18, -78.47, "es"),
    "EG": ("Cairo", 30.04, 31.24, "ar"),
    "ES": ("Madrid", 40.42, -3.70, "es"),
    "ET": ("Addis Ababa", 9.03, 38.74, "am"),
    "FI": ("Helsinki", 60.17, 24.94, "fi"),
    "FJ": ("Suva", -18.14, 178.44, "en"),
    "FR": ("Paris", 48.86, 2.35, "fr"),
    "GB": ("London", 51.51, -0.13, "en"),
    "GH": ("Accra", 5.60, -0.19, "en"),
    "GR": ("Athens", 37.98, 23.73, "el"),
    "GT": ("Guatemala City", 14.63, -90.51, "es"),
    "HT": ("Port-au-Prince", 18.59, -72.31, "fr"),
    "ID": ("Jakarta", -6.21, 106.85, "id"),
    "IE": ("Dublin", 53.35, -6.26, "en"),
    "IN": ("New Delhi", 28.61, 77.21, "hi"),
    "IT": ("Rome", 41.90, 12.50, "it"),
    "JO": ("Amman", 31.95, 35.93, "ar"),
    "JP": ("Tokyo", 35.68, 139.69, "ja"),
    "KE": ("Nairobi", -1.29, 36.82, "sw"),
    "KG": ("Bishkek", 42.87, 74.57, "ky"),
    "KH": ("Phnom Penh", 11.56, 104.93, "km"),
    "KR": ("Seoul", 37.57, 126.98, "ko"),
    "LB": ("Beirut", 33.89, 35.50, "ar"),
    "LT": ("Vilnius", 54.69, 25.28, "lt"),
    "MA": ("Rabat", 34.02, -6.83, "ar"),
    "MG": ("Antananarivo", -18.88, 47.51, "mg"),
    "MX": ("Mexico City", 19.43, -99.13, "es"),
    "NG": ("Lagos", 6.52, 3.38, "en"),
    "NL": ("Amsterdam", 52.37, 4.90, "nl"),
    "NO": ("Oslo", 59.91, 10.75, "no"),
    "NP": ("Kathmandu", 27.72, 85.32, "ne"),
    "NZ": ("Wellington", -41.29, 174.78, "en"),
    "PE": ("Lima", -12.05, -77.04, "es"),
    "PH": ("Manila", 14.60, 120.98, "tl"),
    "PK": ("Islamabad", 33.68, 73.05, "ur"),
    "PL": ("Warsaw", 52.23, 21.01, "pl"),
    "PT": ("Lisbon", 38.72, -9.14, "pt"),
    "RU": ("Moscow", 55.76, 37.62, "ru"),
    "RW": ("Kigali", -1.95, 30.06, "rw"),
    "SE": ("Stockholm", 59.33, 18.07, "sv"),
    "SN": ("Dakar", 14.72, -17.47, "fr"),
    "TJ": ("Dushanbe", 38.56, 68.79, "tg"),
    "TN": ("Tunis", 36.81, 10.18, "ar"),
    "TR": ("Ankara", 39.93, 32.86, "tr"),
    "UA": ("Kyiv", 50.45, 30.52, "uk"),
    "US": ("Washington", 38.91, -77.04, "en"),
    "UY": ("Montevideo", -34.90, -56.16, "es"),
    "VN": ("Hanoi", 21.03, 105.85, "vi"),
    "ZA": ("Pretoria", -25.75, 28.19, "en"),
}

# What a project on each goal is about: (theme used in titles, what learners do).
THEMES = {
    1: [
        ("Fair Income Lab", "design small businesses that pay their makers fairly"),
        ("Micro-savings Circles", "run savings circles and keep their accounts"),
    ],
    2: [
        ("School Gardens", "grow, cook and share food from the school garden"),
        ("Seed Library", "collect, exchange and document local seeds"),
    ],
    3: [
        ("Health Ambassadors", "teach first aid and healthy habits to younger pupils"),
        ("Mindful Classrooms", "try and evaluate short wellbeing routines"),
    ],
    4: [
        ("Reading Buddies", "pair older and younger readers every week"),
        ("Maths Trails", "design maths puzzles hidden around their neighbourhood"),
        ("Open Classroom", "open their lessons to parents and neighbours"),
    ],
    5: [
        ("Girls Who Build", "design and build useful objects in mixed teams"),
        ("Equal Voices", "measure who speaks in meetings and change the rules"),
    ],
    6: [
        ("Water Keepers", "measure the health of a river and report it"),
        ("Rain Catchers", "build and monitor rainwater tanks"),
    ],
    7: [
        ("Solar Makers", "assemble solar lamps and teach others to repair them"),
        ("Energy Detectives", "audit the energy their school uses"),
    ],
    8: [
        ("Youth Apprenticeships", "learn a trade alongside local craftspeople"),
        ("Skills Bootcamp", "build a portfolio of skills with local employers"),
    ],
    9: [
        ("Fab Lab", "prototype tools that local people asked for"),
        ("Repair Café", "repair objects with their owners instead of throwing them away"),
    ],
    10: [
        ("Newcomers' Welcome", "guide newly arrived families through their city"),
        ("Inclusion Lab", "make their school accessible to everyone"),
    ],
    11: [
        ("Map Your Street", "map their streets and propose improvements to the council"),
        ("Green Corridors", "plant and care for green routes across the city"),
    ],
    12: [
        ("Zero-Waste Challenge", "halve the waste of their canteen in one term"),
        ("Upcycling Studio", "turn waste materials into products"),
    ],
    13: [
        ("Climate Detectives", "investigate a local climate question with scientists"),
        ("Carbon Diaries", "track and reduce the footprint of their daily lives"),
    ],
    14: [
        ("Ocean Guardians", "survey beaches and share their data with researchers"),
        ("Mangrove Nursery", "grow mangrove seedlings and replant the coast"),
    ],
    15: [
        ("Bee Friends", "set up pollinator gardens and count visiting insects"),
        ("Tree Census", "count, measure and map the trees of their town"),
    ],
    16: [
        ("Student Parliament", "debate and vote on proposals for their school"),
        ("Peace Circles", "learn to mediate conflicts between classmates"),
    ],
    17: [
        ("Twin Schools", "run a joint project with a school on another continent"),
        ("Open Data Club", "publish open data about their community"),
    ],
}

TITLE_PATTERNS = [
    "{theme} {place}",
    "{prefix} {theme} of {place}",
    "{place} {theme}",
    "{theme}: {prefix} learners of {place}",
    "{prefix} {theme}",
]
PREFIXES = [
    "Young",
    "Community",
    "Open",
    "Neighbourhood",
    "Citizen",
    "Rural",
    "Family",
    "Digital",
    "Intergenerational",
    "Coastal",
    "Urban",
    "Island",
]
LEARNERS = [
    "primary pupils",
    "secondary students",
    "university students",
    "young adults",
    "families",
    "adult learners",
    "teachers in training",
    "youth groups",
]
OUTCOMES = [
    "Results are shared at an open day and in a short public report.",
    "Each cohort documents its method so that another school can run it next year.",
    "Local partners take part in the final presentations and help keep the work going.",
    "The learners' data are published under an open licence.",
    "A toolkit in plain language lets other teams adapt the program.",
]

# The four projects the alliance first curated.
FOUNDING_PROJECTS = [
    {
        "title": "WeLearn",
        "kind": "tool",
        "stage": "running",
        "summary": "Map your online learning: see what you learn on the web and how it "
        "relates to the Sustainable Development Goals.",
        "description": (
            "## Your learning, made visible\n\n"
            "Much of what we learn today happens online, in videos, courses, articles and "
            "forums, and most of it leaves no trace. **WeLearn** lets learners record and map "
            "that learning so they can see where they are heading.\n\n"
            "## How it works\n\n"
            "- Learners collect the resources they use.\n"
            "- The tool organises them into a personal map of topics.\n"
            "- Each topic is linked to the SDGs it helps with, so learners discover "
            "where their curiosity can make a difference.\n\n"
            "The map belongs to the learner, who chooses what to share."
        ),
        "targets": ["4.4", "4.6", "4.7", "17.6"],
        "places": [("Paris", "FR", 48.8566, 2.3522)],
        "languages": ["en", "fr"],
        "age_groups": ["youth", "adults"],
        "organisations": ["WeLearn Open Platform"],
        "owner": "researcher@demo.learningplanet.local",
    },
    {
        "title": "LearnIn - Tajikistan: Feasibility Study and Developing Scenarios",
        "kind": "study",
        "stage": "running",
        "summary": "Identify Tajikistan's specific needs, capacities and opportunities "
        "related to the LearnIn initiative.",
        "description": (
            "## Why this study\n\n"
            "Before a learning initiative can take root, it has to fit the country it "
            "serves. This study looks at Tajikistan's **needs**, its existing **capacities** "
            "and the **opportunities** that the LearnIn initiative could build on.\n\n"
            "## What we do\n\n"
            "1. Interviews with learners, teachers, employers and public bodies.\n"
            "2. A review of current lifelong-learning offers, in towns and in rural areas.\n"
            "3. Workshops in which participants draft possible scenarios.\n\n"
            "The scenarios are published so that partners can choose where to start."
        ),
        "targets": ["4.3", "4.4", "8.6", "17.17"],
        "places": [("Dushanbe", "TJ", 38.5598, 68.7870), ("Khujand", "TJ", 40.2826, 69.6220)],
        "languages": ["tg", "ru", "en"],
        "age_groups": ["youth", "adults"],
        "organisations": ["LearnIn Initiative", "Dushanbe Public Skills Office"],
        "owner": "curator@demo.learningplanet.local",
    },
    {
        "title": "Cities of Learning by Badgecraft",
        "kind": "tool",
        "stage": "running",
        "summary": "A web platform to map and connect learning opportunities across "
        "territories and make them more visible and accessible to all learners.",
        "description": (
            "## Learning happens all over a city\n\n"
            "Museums, libraries, sports clubs, youth centres and companies offer learning "
            "every day, but learners rarely see it all in one place. **Cities of Learning** "
            "puts these opportunities on one map.\n\n"
            "## What learners get\n\n"
            "- Learning pathways that join activities from different providers.\n"
            "- Open digital badges that recognise what they learned, wherever they learned it.\n"
            "- A way to show those badges to schools and employers.\n\n"
            "Cities and regions run their own instance and invite local providers."
        ),
        "targets": ["4.3", "4.4", "11.3", "17.17"],
        "places": [("Vilnius", "LT", 54.6872, 25.2797), ("Kaunas", "LT", 54.8985, 23.9036)],
        "languages": ["lt", "en"],
        "age_groups": ["secondary", "youth", "adults"],
        "organisations": ["Badgecraft", "Kaunas Learning City"],
        "owner": "organiser@demo.learningplanet.local",
    },
    {
        "title": "LearnIn - Kyrgyzstan: Feasibility Study and Developing Scenarios",
        "kind": "study",
        "stage": "running",
        "summary": "Identify Kyrgyzstan's specific needs, capacities and opportunities "
        "related to the LearnIn initiative.",
        "description": (
            "## Why this study\n\n"
            "The LearnIn initiative wants lifelong learning to be within reach of every "
            "person in Kyrgyzstan. This study maps what already exists and what is missing, "
            "from mountain villages to Bishkek.\n\n"
            "## What we do\n\n"
            "- Listen to learners, educators and employers in several regions.\n"
            "- Review the learning offers of public bodies, NGOs and companies.\n"
            "- Build and compare **scenarios** with the people who would run them.\n\n"
            "The findings are shared openly with partners in the region."
        ),
        "targets": ["4.3", "4.4", "8.6", "17.17"],
        "places": [("Bishkek", "KG", 42.8746, 74.5698), ("Osh", "KG", 40.5283, 72.7985)],
        "languages": ["ky", "ru", "en"],
        "age_groups": ["youth", "adults"],
        "organisations": ["LearnIn Initiative", "Bishkek Lifelong Learning Network"],
        "owner": "curator@demo.learningplanet.local",
    },
]

# Organisations added to the first seven: name, kind, country, website, description, roles.
MORE_ORGANISATIONS = [
    (
        "Badgecraft",
        "company",
        "LT",
        "https://badgecraft.example.org",
        "A Lithuanian company building tools that recognise learning with open digital badges "
        "and help cities connect the learning they offer.",
        {"organiser@demo.learningplanet.local": "admin"},
    ),
    (
        "WeLearn Open Platform",
        "online_platform",
        "FR",
        "https://welearn.example.org",
        "An online platform that helps people see and organise what they learn on the web.",
        {"researcher@demo.learningplanet.local": "admin"},
    ),
    (
        "LearnIn Initiative",
        "international",
        "",
        "https://learnin.example.org",
        "An international initiative that supports countries in building lifelong learning "
        "for everyone, starting with studies of local needs.",
        {"curator@demo.learningplanet.local": "admin"},
    ),
    (
        "Bishkek Lifelong Learning Network",
        "network",
        "KG",
        "",
        "Educators, trainers and youth workers in Kyrgyzstan who share methods and open "
        "their courses to each other's learners.",
        {"aigerim@demo.learningplanet.local": "admin"},
    ),
    (
        "Dushanbe Public Skills Office",
        "state",
        "TJ",
        "",
        "A public office coordinating vocational and adult learning offers in the capital.",
        {"curator@demo.learningplanet.local": "admin"},
    ),
    (
        "Kaunas Learning City",
        "learning_city",
        "LT",
        "https://kaunas-learning.example.org",
        "The city's programme that brings schools, museums and companies together so that "
        "residents of every age can learn all year round.",
        {"organiser@demo.learningplanet.local": "member"},
    ),
    (
        "Rising Voices Collective",
        "youth_movement",
        "KE",
        "",
        "Young people in Nairobi who run consultations with their peers and carry the "
        "proposals to decision-makers.",
        {"learner@demo.learningplanet.local": "admin"},
    ),
]

PARTNERS = [
    "Escola Horizonte Verde",
    "Sendai Coastal High School",
    "Université Ouverte du Sahel",
    "Durban Youth for Oceans",
    "La Fabrique du Quartier",
    "Amman Learning City Network",
    "Open Pedagogy Lab",
    "Badgecraft",
    "WeLearn Open Platform",
    "LearnIn Initiative",
    "Bishkek Lifelong Learning Network",
    "Dushanbe Public Skills Office",
]

# Demo people added for the innovators, in the same shape as load_demo.PEOPLE.
MORE_PEOPLE = [
    (
        "aigerim@demo.learningplanet.local",
        "Aigerim Toktosunova",
        "KG",
        "Bishkek",
        ["ky", "ru", "en"],
        ["adult education", "facilitation"],
        [4, 8],
        "Trains adult educators in mountain villages and loves a good workshop.",
        "member",
    ),
    (
        "tomas@demo.learningplanet.local",
        "Tomas Kazlauskas",
        "LT",
        "Kaunas",
        ["lt", "en"],
        ["open badges", "product design"],
        [4, 11, 17],
        "Builds tools that help cities show the learning they already offer.",
        "member",
    ),
]

INNOVATORS = [
    (
        "teacher@demo.learningplanet.local",
        "When my students measured the river themselves, they stopped asking why science matters.",
    ),
    (
        "learner@demo.learningplanet.local",
        "Young people do not need to be given a voice. We need to be given a seat.",
    ),
    (
        "organiser@demo.learningplanet.local",
        "A repair café teaches more physics in an afternoon than a term of textbooks.",
    ),
    (
        "researcher@demo.learningplanet.local",
        "Good pedagogies travel. Our job is to make the road shorter.",
    ),
    (
        "aigerim@demo.learningplanet.local",
        "Lifelong learning starts where people already are: the market, the clinic, "
        "the village hall.",
    ),
    (
        "tomas@demo.learningplanet.local",
        "Every city is full of learning. Most of it is just invisible.",
    ),
]
