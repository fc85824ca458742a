"""structured-records: queries -> records of an internal IT catalogue, a ticket queue and a staff
directory, each record serialised from its fields by the template of its type (shown in the card).

The records are generated from hand-written value lists with a fixed seed and also written as CSV
(datasets/structured-records/records/*.csv) so that other templates can be tried on the same data.
Judgments follow from each query's conditions: grade 2 when all hold, grade 1 when the required ones
hold and the preferred one does not.
"""

import csv
import os
import random

import beir

rng = random.Random(20261124)

# ---------------------------------------------------------------- products (IT catalogue)
BRANDS = ["Kestrel", "Bluefin", "Orion", "Maple", "Vantage", "Halcyon"]
LAPTOP_SERIES = ["Aero", "Pro", "Flex", "Work", "Studio"]
AVAILABILITY = ["in stock", "in stock", "in stock", "2-week lead time", "6-week lead time", "discontinued"]


def laptop():
    screen = rng.choice([13, 14, 14, 15, 16])
    ram = rng.choice([8, 16, 16, 32, 32, 64])
    storage = rng.choice([256, 512, 512, 1024, 2048])
    cpu = rng.choice(["4-core", "6-core", "8-core", "12-core"])
    weight = round(0.95 + screen * 0.06 + rng.uniform(-0.15, 0.35), 2)
    gpu = "dedicated graphics" if screen >= 15 and rng.random() < 0.5 else "integrated graphics"
    price = 650 + ram * 14 + storage // 4 + (300 if gpu.startswith("dedicated") else 0) + rng.randrange(0, 400, 10)
    specs = {"screen_inches": screen, "memory_gb": ram, "storage_gb": storage, "processor": cpu,
             "graphics": gpu, "weight_kg": weight}
    name = f"{rng.choice(BRANDS)} {rng.choice(LAPTOP_SERIES)} {screen}"
    return name, specs, price


def monitor():
    size = rng.choice([24, 24, 27, 27, 32, 34])
    res = {24: rng.choice(["1920x1080", "1920x1200"]), 27: rng.choice(["2560x1440", "3840x2160"]),
           32: "3840x2160", 34: "3440x1440"}[size]
    usbc = rng.random() < 0.55
    specs = {"size_inches": size, "resolution": res, "panel": rng.choice(["IPS", "IPS", "VA", "OLED"]),
             "usb_c_power_w": rng.choice([65, 90]) if usbc else 0,
             "height_adjustable": rng.random() < 0.7}
    price = 140 + size * 6 + (200 if res == "3840x2160" else 0) + (80 if usbc else 0) + rng.randrange(0, 120, 10)
    return f"{rng.choice(BRANDS)} View {size}{'U' if usbc else ''}", specs, price


def headset():
    wireless = rng.random() < 0.6
    anc = rng.random() < 0.5
    specs = {"connection": "Bluetooth and USB dongle" if wireless else "USB-A cable",
             "noise_cancelling": anc, "microphone": rng.choice(["boom", "boom", "built-in"]),
             "certified_for": rng.choice(["Teams", "Zoom", "Teams and Zoom"])}
    price = 45 + (70 if wireless else 0) + (90 if anc else 0) + rng.randrange(0, 60, 5)
    return f"{rng.choice(BRANDS)} Talk {'W' if wireless else 'C'}{rng.randint(2, 9)}0", specs, price


def dock():
    displays = rng.choice([1, 2, 2, 3])
    specs = {"connection": rng.choice(["USB-C", "USB-C", "Thunderbolt 4"]), "external_displays": displays,
             "charging_w": rng.choice([65, 90, 100]), "ethernet": rng.random() < 0.8}
    price = 90 + displays * 45 + (120 if specs["connection"] == "Thunderbolt 4" else 0) + rng.randrange(0, 50, 5)
    return f"{rng.choice(BRANDS)} Dock {displays}D-{rng.randint(1, 9)}", specs, price


def keyboard():
    layout = rng.choice(["US English", "German", "UK English", "Portuguese", "French"])
    specs = {"layout": layout, "connection": rng.choice(["wireless", "wired"]),
             "ergonomic": rng.random() < 0.35, "numeric_keypad": rng.random() < 0.5}
    price = 35 + (40 if specs["ergonomic"] else 0) + (20 if specs["connection"] == "wireless" else 0) + rng.randrange(0, 30, 5)
    return f"{rng.choice(BRANDS)} Keys {rng.choice(['K', 'E', 'S'])}{rng.randint(1, 9)}", specs, price


PRODUCT_MAKERS = [("laptop", laptop, 24), ("monitor", monitor, 16), ("headset", headset, 12),
                  ("docking station", dock, 10), ("keyboard", keyboard, 10)]


def products():
    out = []
    n = 1
    for category, make, count in PRODUCT_MAKERS:
        for _ in range(count):
            name, specs, price = make()
            out.append({"sku": f"HW-{n:04d}", "name": name, "category": category, "specs": specs,
                        "price_eur": price, "availability": rng.choice(AVAILABILITY),
                        "approved_for": rng.choice(["all staff", "all staff", "engineering", "design", "field sales"])})
            n += 1
    return out


def spec_text(specs):
    parts = []
    for k, v in specs.items():
        label = k.replace("_", " ")
        if isinstance(v, bool):
            v = "yes" if v else "no"
        parts.append(f"{label}: {v}")
    return "; ".join(parts)


def product_doc(p):
    # template: "{name} ({category}, {sku}). {spec: value; ...}. Price {price_eur} EUR.
    #            Availability: {availability}. Approved for {approved_for}."
    return (p["sku"], "",
            f"{p['name']} ({p['category']}, {p['sku']}). {spec_text(p['specs'])}. "
            f"Price {p['price_eur']} EUR. Availability: {p['availability']}. Approved for {p['approved_for']}.")


# ---------------------------------------------------------------- tickets
SYSTEM_PROBLEMS = {
    "Payroll": ["Overtime hours missing from the monthly payslip", "Payslip PDF shows the previous month",
                "Bank account change not applied before the pay run", "Tax class wrong after moving abroad"],
    "VPN": ["VPN drops every few minutes on hotel wifi", "VPN client asks for the token twice",
            "Cannot reach internal sites after VPN connects", "VPN certificate expired on several laptops"],
    "Email": ["Shared mailbox not visible in Outlook", "Emails to a partner domain bounce",
              "Calendar invites arrive without the meeting link", "Mailbox full warning after archive move"],
    "CRM": ["Opportunity stage cannot be saved", "Duplicate accounts created by the web form import",
            "CRM dashboard loads for minutes", "Sales territory report shows last quarter"],
    "ERP": ["Purchase order approval stuck in workflow", "Invoice matching fails for partial deliveries",
            "Goods receipt posting error for warehouse 3", "Cost centre missing in expense posting"],
    "Printing": ["Follow-me printing does not release jobs", "Colour printer on floor 4 jams",
                 "Scan to email sends blank pages", "Badge reader on the printer rejects new cards"],
    "HR portal": ["Leave request shows zero remaining days", "Onboarding checklist not assigned to new hire",
                  "Org chart shows wrong manager", "Training certificates cannot be uploaded"],
}
TEAMS = {"Payroll": "Payroll Operations", "VPN": "Network Services", "Email": "Collaboration",
         "CRM": "Sales Systems", "ERP": "Finance Systems", "Printing": "Workplace Services",
         "HR portal": "People Systems"}
PRIORITIES = ["P1", "P2", "P2", "P3", "P3", "P3", "P4"]
STATUSES = ["open", "open", "in progress", "in progress", "waiting for customer", "resolved", "closed"]
OFFICES = ["Berlin", "Lisbon", "Toronto", "Austin", "Singapore"]


def tickets():
    out = []
    n = 1
    systems = list(SYSTEM_PROBLEMS)
    for i in range(63):
        system = systems[i % len(systems)]
        title = SYSTEM_PROBLEMS[system][(i // len(systems)) % 4]
        out.append({"ticket": f"INC-{4100 + n}", "title": title, "system": system,
                    "priority": rng.choice(PRIORITIES), "status": rng.choice(STATUSES),
                    "team": TEAMS[system], "office": rng.choice(OFFICES),
                    "affected_users": rng.choice([1, 1, 3, 5, 12, 40, 200]),
                    "opened": f"2026-{rng.choice([9, 10, 11]):02d}-{rng.randint(1, 28):02d}"})
        n += 1
    return out


def ticket_doc(t):
    # template: "{ticket} [{priority}, {status}] {title}. System: {system}. Team: {team}.
    #            Office: {office}. Affected users: {affected_users}. Opened {opened}."
    return (t["ticket"], "",
            f"{t['ticket']} [{t['priority']}, {t['status']}] {t['title']}. System: {t['system']}. "
            f"Team: {t['team']}. Office: {t['office']}. Affected users: {t['affected_users']}. Opened {t['opened']}.")


# ---------------------------------------------------------------- staff directory
FIRST = ["Ana", "Bruno", "Chen", "Dara", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kavya", "Lars",
         "Mei", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tomas", "Uma", "Viktor", "Wen", "Yara",
         "Zoe", "Aiko", "Bernd", "Carla", "Dmitri", "Esra"]
LAST = ["Almeida", "Becker", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hoffmann", "Ito", "Jensen",
        "Kowalski", "Lopes", "Moreau", "Nakamura", "Okafor", "Pereira", "Quinn", "Richter", "Silva", "Tan",
        "Unger", "Vasquez", "Weber", "Xu", "Yilmaz", "Zimmermann"]
DEPARTMENTS = {
    "Data Platform": (["Data Engineer", "Senior Data Engineer", "Analytics Engineer"],
                      ["Spark", "Airflow", "SQL", "Kafka", "dbt", "Python"]),
    "Platform Engineering": (["Site Reliability Engineer", "Platform Engineer", "Cloud Architect"],
                             ["Kubernetes", "Terraform", "AWS", "Go", "Prometheus", "Linux"]),
    "Finance": (["Financial Controller", "Accountant", "FP&A Analyst"],
                ["SAP", "IFRS", "Excel modelling", "Consolidation", "Tax"]),
    "People": (["HR Business Partner", "Recruiter", "Payroll Specialist"],
               ["Employment law", "Interviewing", "Payroll", "Onboarding", "Workday"]),
    "Sales": (["Account Executive", "Sales Engineer", "Customer Success Manager"],
              ["Negotiation", "Salesforce", "Solution demos", "Public sector", "Renewals"]),
    "Security": (["Security Engineer", "Security Analyst", "GRC Manager"],
                 ["Incident response", "ISO 27001", "Penetration testing", "SIEM", "Identity management"]),
}
LANGS = ["English", "German", "Portuguese", "French", "Spanish", "Japanese", "Mandarin", "Turkish", "Polish"]
HOME_LANG = {"Berlin": "German", "Lisbon": "Portuguese", "Toronto": "French", "Austin": "Spanish",
             "Singapore": "Mandarin"}


def employees():
    out = []
    used = set()
    n = 1
    for dept, (titles, skills) in DEPARTMENTS.items():
        for _ in range(11):
            while True:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                if name not in used:
                    used.add(name)
                    break
            office = rng.choice(OFFICES)
            langs = ["English"]
            if rng.random() < 0.6:
                langs.append(HOME_LANG[office])
            if rng.random() < 0.3:
                other = rng.choice(LANGS)
                if other not in langs:
                    langs.append(other)
            out.append({"employee_id": f"E{1000 + n}", "name": name, "title": rng.choice(titles),
                        "department": dept, "office": office, "languages": langs,
                        "skills": rng.sample(skills, rng.randint(2, 4)), "since": rng.randint(2012, 2026)})
            n += 1
    return out


def employee_doc(e):
    # template: "{name}, {title} in {department} ({office} office, since {since}).
    #            Skills: {skills, comma-separated}. Languages: {languages}. Employee {employee_id}."
    return (e["employee_id"], "",
            f"{e['name']}, {e['title']} in {e['department']} ({e['office']} office, since {e['since']}). "
            f"Skills: {', '.join(e['skills'])}. Languages: {', '.join(e['languages'])}. Employee {e['employee_id']}.")


# ---------------------------------------------------------------- queries
# (text, kind, required conditions, preferred condition or None)
P, T, E = "product", "ticket", "employee"
S = lambda r: r.get("specs", {})
QUERIES = [
    ("lightweight 14 inch laptop with 32GB RAM", P,
     lambda r: r["category"] == "laptop" and S(r)["screen_inches"] == 14 and S(r)["memory_gb"] == 32,
     lambda r: S(r)["weight_kg"] < 2.0),
    ("laptop with at least 64 gb memory for data science", P,
     lambda r: r["category"] == "laptop" and S(r)["memory_gb"] >= 64, lambda r: r["availability"] != "discontinued"),
    ("16 inch laptop with a dedicated GPU", P,
     lambda r: r["category"] == "laptop" and S(r)["graphics"] == "dedicated graphics",
     lambda r: S(r)["screen_inches"] == 16),
    ("cheap 13 inch notebook under 1400 euros", P,
     lambda r: r["category"] == "laptop" and S(r)["screen_inches"] == 13, lambda r: r["price_eur"] < 1400),
    ("laptops I can order today with 2 TB storage", P,
     lambda r: r["category"] == "laptop" and S(r)["storage_gb"] == 2048, lambda r: r["availability"] == "in stock"),
    ("12-core laptop approved for engineering", P,
     lambda r: r["category"] == "laptop" and S(r)["processor"] == "12-core",
     lambda r: r["approved_for"] in ("engineering", "all staff")),
    ("4K 27 inch monitor", P,
     lambda r: r["category"] == "monitor" and S(r)["size_inches"] == 27 and S(r)["resolution"] == "3840x2160",
     None),
    ("monitor that charges my laptop over USB-C with 90W", P,
     lambda r: r["category"] == "monitor" and S(r)["usb_c_power_w"] > 0, lambda r: S(r)["usb_c_power_w"] == 90),
    ("ultrawide 34 inch screen in stock", P,
     lambda r: r["category"] == "monitor" and S(r)["size_inches"] == 34, lambda r: r["availability"] == "in stock"),
    ("OLED display for the design team", P,
     lambda r: r["category"] == "monitor" and S(r)["panel"] == "OLED", lambda r: r["approved_for"] in ("design", "all staff")),
    ("27 inch monitor without height adjustment", P,
     lambda r: r["category"] == "monitor" and S(r)["size_inches"] == 27 and not S(r)["height_adjustable"], None),
    ("wireless noise cancelling headset", P,
     lambda r: r["category"] == "headset" and S(r)["noise_cancelling"] and S(r)["connection"].startswith("Bluetooth"),
     lambda r: r["availability"] == "in stock"),
    ("wired headset certified for Zoom", P,
     lambda r: r["category"] == "headset" and S(r)["connection"] == "USB-A cable",
     lambda r: "Zoom" in S(r)["certified_for"]),
    ("headset with boom mic under 150 EUR", P,
     lambda r: r["category"] == "headset" and S(r)["microphone"] == "boom", lambda r: r["price_eur"] < 150),
    ("dock for three external displays with a network port", P,
     lambda r: r["category"] == "docking station" and S(r)["external_displays"] == 3,
     lambda r: S(r)["ethernet"]),
    ("usb-c docking station with ethernet and 100 W charging", P,
     lambda r: r["category"] == "docking station" and S(r)["ethernet"], lambda r: S(r)["charging_w"] == 100),
    ("UK layout keyboard with numeric keypad", P,
     lambda r: r["category"] == "keyboard" and S(r)["layout"] == "UK English", lambda r: S(r)["numeric_keypad"]),
    ("wireless keyboard with numpad", P,
     lambda r: r["category"] == "keyboard" and S(r)["connection"] == "wireless" and S(r)["numeric_keypad"], None),
    ("discontinued hardware we should stop ordering", P,
     lambda r: r.get("availability") == "discontinued", None),

    ("urgent payroll incidents that are not fixed yet", T,
     lambda r: r["system"] == "Payroll" and r["priority"] in ("P1", "P2"),
     lambda r: r["status"] not in ("resolved", "closed")),
    ("unresolved VPN tickets", T,
     lambda r: r["system"] == "VPN" and r["status"] in ("open", "in progress", "waiting for customer"), None),
    ("email problems reported by the Singapore office", T,
     lambda r: r["system"] == "Email" and r["office"] == "Singapore", None),
    ("printer issues someone is working on", T,
     lambda r: r["system"] == "Printing" and r["status"] == "in progress", None),
    ("CRM tickets affecting more than 10 users", T,
     lambda r: r["system"] == "CRM" and r["affected_users"] > 10, lambda r: r["status"] not in ("resolved", "closed")),
    ("purchase order approval stuck", T,
     lambda r: r["title"] == "Purchase order approval stuck in workflow", lambda r: r["status"] != "closed"),
    ("what did Finance Systems close or resolve", T,
     lambda r: r["team"] == "Finance Systems" and r["status"] in ("resolved", "closed"), None),
    ("high priority incidents opened in November", T,
     lambda r: r["priority"] in ("P1", "P2") and r["opened"].startswith("2026-11"), lambda r: r["priority"] == "P1"),
    ("leave balance wrong in the HR portal", T,
     lambda r: r["title"] == "Leave request shows zero remaining days", lambda r: r["status"] not in ("resolved", "closed")),
    ("outages hitting 200 users", T, lambda r: r["affected_users"] == 200, None),
    ("Toronto tickets for the People Systems team", T,
     lambda r: r["team"] == "People Systems" and r["office"] == "Toronto", None),
    ("expired certificates on laptops VPN", T,
     lambda r: r["title"] == "VPN certificate expired on several laptops", None),
    ("low priority ERP issues still open", T,
     lambda r: r["system"] == "ERP" and r["priority"] in ("P3", "P4")
     and r["status"] in ("open", "in progress", "waiting for customer"), None),
    ("payslip tickets from Lisbon", T,
     lambda r: r["system"] == "Payroll" and r["office"] == "Lisbon", lambda r: "payslip" in r["title"].lower()),
    ("meeting links missing from calendar invites", T,
     lambda r: r["title"] == "Calendar invites arrive without the meeting link", None),
    ("scanner sending empty pages", T,
     lambda r: r["title"] == "Scan to email sends blank pages", None),
    ("duplicate customer accounts after import", T,
     lambda r: r["title"] == "Duplicate accounts created by the web form import", None),

    ("German speaking data engineer", E,
     lambda r: r["department"] == "Data Platform" and "German" in r["languages"],
     lambda r: "Engineer" in r["title"]),
    ("who knows Kubernetes in Berlin", E,
     lambda r: "Kubernetes" in r["skills"], lambda r: r["office"] == "Berlin"),
    ("Kubernetes and Terraform expert", E,
     lambda r: "Kubernetes" in r["skills"] and "Terraform" in r["skills"], None),
    ("recruiter in the Berlin office", E,
     lambda r: r["title"] == "Recruiter", lambda r: r["office"] == "Berlin"),
    ("security person with ISO 27001 experience who speaks French", E,
     lambda r: r["department"] == "Security" and "ISO 27001" in r["skills"], lambda r: "French" in r["languages"]),
    ("SAP accountant based in Berlin", E,
     lambda r: r["department"] == "Finance" and "SAP" in r["skills"], lambda r: r["office"] == "Berlin"),
    ("sales engineer for public sector deals", E,
     lambda r: r["department"] == "Sales" and "Public sector" in r["skills"],
     lambda r: r["title"] == "Sales Engineer"),
    ("colleague who speaks Japanese", E, lambda r: "Japanese" in r["languages"], None),
    ("payroll specialist in Singapore", E,
     lambda r: r["title"] == "Payroll Specialist" or ("Payroll" in r["skills"] and r["department"] == "People"),
     lambda r: r["office"] == "Singapore"),
    ("incident response on call Toronto", E,
     lambda r: "Incident response" in r["skills"], lambda r: r["office"] == "Toronto"),
    ("someone who joined in 2026 in platform engineering", E,
     lambda r: r["department"] == "Platform Engineering" and r["since"] == 2026, None),
    ("data engineer with dbt and Airflow who speaks French", E,
     lambda r: "dbt" in r["skills"] and "Airflow" in r["skills"], lambda r: "French" in r["languages"]),
    ("French speaking customer success manager", E,
     lambda r: r["title"] == "Customer Success Manager", lambda r: "French" in r["languages"]),
    ("Go developer on the platform team", E,
     lambda r: "Go" in r["skills"] and r["department"] == "Platform Engineering", None),
    ("HR business partner who can help with payroll", E,
     lambda r: r["title"] == "HR Business Partner", lambda r: "Payroll" in r["skills"]),
    ("longest serving people in Security since 2012 or 2013", E,
     lambda r: r["department"] == "Security" and r["since"] <= 2013, None),
    ("Spanish speaker in sales", E,
     lambda r: r["department"] == "Sales" and "Spanish" in r["languages"], None),
    ("penetration tester", E, lambda r: "Penetration testing" in r["skills"],
     lambda r: r["title"] == "Security Engineer"),
]


def flatten(record):
    row = {}
    for k, v in record.items():
        if isinstance(v, dict):
            for k2, v2 in v.items():
                row[k2] = v2
        elif isinstance(v, list):
            row[k] = "; ".join(v)
        else:
            row[k] = v
    return row


def write_csv(path, records):
    rows = [flatten(r) for r in records]
    fields = []
    for r in rows:
        for k in r:
            if k not in fields:
                fields.append(k)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        for r in rows:
            w.writerow(r)


def main():
    prods, ticks, emps = products(), tickets(), employees()
    kinds = {P: prods, T: ticks, E: emps}
    docs = [product_doc(p) for p in prods] + [ticket_doc(t) for t in ticks] + [employee_doc(e) for e in emps]
    ids = {P: [d[0] for d in docs[:len(prods)]],
           T: [t["ticket"] for t in ticks], E: [e["employee_id"] for e in emps]}
    queries, qrels = [], []
    for i, (text, kind, required, preferred) in enumerate(QUERIES, 1):
        qid = f"R{i:03d}"
        queries.append((qid, text))
        for rec, did in zip(kinds[kind], ids[kind]):
            if required(rec):
                qrels.append((qid, did, 2 if preferred is None or preferred(rec) else 1))
        if not any(q[0] == qid and q[2] == 2 for q in qrels):
            raise SystemExit(f"query {qid} '{text}' has no record meeting all its conditions")
    beir.write("structured-records", docs, queries, qrels)
    folder = os.path.join(beir.ROOT, "datasets", "structured-records", "records")
    os.makedirs(folder, exist_ok=True)
    write_csv(os.path.join(folder, "products.csv"), prods)
    write_csv(os.path.join(folder, "tickets.csv"), ticks)
    write_csv(os.path.join(folder, "employees.csv"), emps)


if __name__ == "__main__":
    main()
