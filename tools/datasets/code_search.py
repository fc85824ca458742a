"""code-search: natural-language descriptions -> code snippets in Java, Python and SQL.

Each group is one description and the snippets written around it. "2" implements what the
description asks (in the language it names, if it names one); "1" implements it in another
language than the one asked for, or only part of it; "0" is a trap: it shares the identifiers and
words of the description but does something else. Traps are not judged.
"""

import beir

J, PY, SQL = "java", "python", "sql"

GROUPS = [
    ("Java method that checks whether a string is a valid email address", [
        (J, 2, 'static boolean isValidEmail(String s) {\n    return s != null && s.matches("^[\\\\w.+-]+@[\\\\w-]+(\\\\.[\\\\w-]+)+$");\n}'),
        (PY, 1, 'def is_valid_email(s: str) -> bool:\n    return re.fullmatch(r"[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+", s) is not None'),
        (J, 0, 'static String maskEmail(String email) {\n    int at = email.indexOf(\'@\');\n    return email.charAt(0) + "***" + email.substring(at);\n}'),
    ]),
    ("read a CSV file and sum one column in Python", [
        (PY, 2, 'def sum_column(path, column):\n    with open(path, newline="") as f:\n        return sum(float(row[column]) for row in csv.DictReader(f))'),
        (PY, 0, 'def write_column(path, column, values):\n    with open(path, "w", newline="") as f:\n        w = csv.writer(f)\n        w.writerow([column])\n        w.writerows([v] for v in values)'),
        (J, 1, 'static double sumColumn(Path csv, int column) throws IOException {\n    try (var lines = Files.lines(csv)) {\n        return lines.skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[column])).sum();\n    }\n}'),
    ]),
    ("SQL query for the top 5 customers by total order value", [
        (SQL, 2, 'SELECT c.id, c.name, SUM(o.total) AS revenue\nFROM customers c JOIN orders o ON o.customer_id = c.id\nGROUP BY c.id, c.name\nORDER BY revenue DESC\nLIMIT 5;'),
        (SQL, 0, 'SELECT c.id, c.name, COUNT(*) AS orders\nFROM customers c JOIN orders o ON o.customer_id = c.id\nWHERE o.created_at >= CURRENT_DATE - INTERVAL \'5 days\'\nGROUP BY c.id, c.name;'),
        (PY, 1, 'def top_customers(orders, n=5):\n    totals = collections.Counter()\n    for o in orders:\n        totals[o.customer_id] += o.total\n    return totals.most_common(n)'),
    ]),
    ("retry an HTTP call with exponential backoff", [
        (PY, 2, 'def get_with_retry(url, attempts=5):\n    for i in range(attempts):\n        try:\n            return requests.get(url, timeout=10)\n        except requests.RequestException:\n            time.sleep(2 ** i)\n    raise RuntimeError(f"{url} failed {attempts} times")'),
        (J, 2, 'HttpResponse<String> sendWithRetry(HttpRequest req) throws Exception {\n    for (int i = 0; ; i++) {\n        try { return client.send(req, BodyHandlers.ofString()); }\n        catch (IOException e) { if (i == 4) throw e; Thread.sleep(1000L << i); }\n    }\n}'),
        (PY, 0, 'def http_status_text(code):\n    # retry is only sensible for these\n    retry = {429, 502, 503, 504}\n    return f"{code} ({\'retry\' if code in retry else \'final\'})"'),
    ]),
    ("Java: sort a list of employees by salary descending, then by name", [
        (J, 2, 'employees.sort(Comparator.comparing(Employee::salary).reversed()\n        .thenComparing(Employee::name));'),
        (J, 0, 'double averageSalary(List<Employee> employees) {\n    return employees.stream().mapToDouble(Employee::salary).average().orElse(0);\n}'),
        (PY, 1, 'employees.sort(key=lambda e: (-e.salary, e.name))'),
    ]),
    ("SQL to find duplicate email addresses in the users table", [
        (SQL, 2, 'SELECT lower(email) AS email, COUNT(*) AS n\nFROM users\nGROUP BY lower(email)\nHAVING COUNT(*) > 1;'),
        (SQL, 0, 'UPDATE users SET email = lower(email) WHERE email <> lower(email);'),
        (SQL, 0, 'CREATE UNIQUE INDEX users_email_idx ON users (email);'),
    ]),
    ("parse an ISO 8601 date string into a date object", [
        (PY, 2, 'def parse_day(s: str) -> datetime.date:\n    return datetime.date.fromisoformat(s)'),
        (J, 2, 'static LocalDate parseDay(String s) {\n    return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);\n}'),
        (J, 0, 'static String formatDay(LocalDate d) {\n    return d.format(DateTimeFormatter.ISO_LOCAL_DATE);\n}'),
    ]),
    ("python function to split a list into chunks of size n", [
        (PY, 2, 'def chunks(items, n):\n    for i in range(0, len(items), n):\n        yield items[i:i + n]'),
        (PY, 0, 'def chunk_count(items, n):\n    return (len(items) + n - 1) // n'),
        (J, 1, 'static <T> List<List<T>> chunks(List<T> items, int n) {\n    List<List<T>> out = new ArrayList<>();\n    for (int i = 0; i < items.size(); i += n)\n        out.add(items.subList(i, Math.min(i + n, items.size())));\n    return out;\n}'),
    ]),
    ("count words in a text file and print the ten most common", [
        (PY, 2, 'def top_words(path, n=10):\n    with open(path, encoding="utf-8") as f:\n        counts = collections.Counter(re.findall(r"\\w+", f.read().lower()))\n    for word, c in counts.most_common(n):\n        print(word, c)'),
        (J, 2, 'Map<String, Long> counts = Files.lines(path)\n    .flatMap(l -> Arrays.stream(l.toLowerCase().split("\\\\W+")))\n    .filter(w -> !w.isEmpty())\n    .collect(groupingBy(w -> w, counting()));\ncounts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())\n    .limit(10).forEach(System.out::println);'),
        (PY, 0, 'def count_lines(path):\n    with open(path, encoding="utf-8") as f:\n        return sum(1 for _ in f)'),
    ]),
    ("SQL: monthly revenue for the last 12 months", [
        (SQL, 2, "SELECT date_trunc('month', paid_at) AS month, SUM(amount) AS revenue\nFROM payments\nWHERE paid_at >= date_trunc('month', now()) - INTERVAL '12 months'\nGROUP BY 1\nORDER BY 1;"),
        (SQL, 0, "SELECT customer_id, SUM(amount) AS revenue\nFROM payments\nGROUP BY customer_id\nHAVING SUM(amount) > 12000;"),
        (PY, 1, 'monthly = payments[payments.paid_at >= start].groupby(payments.paid_at.dt.to_period("M"))["amount"].sum()'),
    ]),
    ("Java: read a whole file into a string with UTF-8", [
        (J, 2, 'String content = Files.readString(Path.of("config.txt"), StandardCharsets.UTF_8);'),
        (J, 0, 'Files.writeString(Path.of("config.txt"), content, StandardCharsets.UTF_8);'),
        (PY, 1, 'with open("config.txt", encoding="utf-8") as f:\n    content = f.read()'),
    ]),
    ("compute the SHA-256 hash of a file", [
        (PY, 2, 'def sha256_of(path):\n    h = hashlib.sha256()\n    with open(path, "rb") as f:\n        for block in iter(lambda: f.read(65536), b""):\n            h.update(block)\n    return h.hexdigest()'),
        (J, 2, 'static String sha256(Path file) throws Exception {\n    MessageDigest md = MessageDigest.getInstance("SHA-256");\n    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {\n        in.transferTo(OutputStream.nullOutputStream());\n    }\n    return HexFormat.of().formatHex(md.digest());\n}'),
        (PY, 0, 'def file_size_hash_key(path):\n    # cache key: size and modification time, not a content hash\n    st = os.stat(path)\n    return f"{st.st_size}-{st.st_mtime_ns}"'),
    ]),
    ("SQL query listing employees who earn more than their manager", [
        (SQL, 2, 'SELECT e.name, e.salary, m.name AS manager, m.salary AS manager_salary\nFROM employees e JOIN employees m ON e.manager_id = m.id\nWHERE e.salary > m.salary;'),
        (SQL, 0, 'SELECT m.name AS manager, COUNT(e.id) AS reports\nFROM employees m LEFT JOIN employees e ON e.manager_id = m.id\nGROUP BY m.name;'),
        (SQL, 0, 'SELECT name, salary FROM employees\nWHERE salary > (SELECT AVG(salary) FROM employees);'),
    ]),
    ("remove duplicates from a list while keeping the original order", [
        (PY, 2, 'def unique(items):\n    return list(dict.fromkeys(items))'),
        (J, 2, 'static <T> List<T> unique(List<T> items) {\n    return new ArrayList<>(new LinkedHashSet<>(items));\n}'),
        (PY, 0, 'def has_duplicates(items):\n    return len(set(items)) != len(items)'),
    ]),
    ("python: send a JSON POST request with an auth token", [
        (PY, 2, 'resp = requests.post(url, json=payload, headers={"Authorization": f"Bearer {token}"}, timeout=10)\nresp.raise_for_status()'),
        (PY, 0, 'def token_expired(token):\n    claims = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))\n    return claims["exp"] < time.time()'),
        (J, 1, 'HttpRequest req = HttpRequest.newBuilder(URI.create(url))\n    .header("Authorization", "Bearer " + token)\n    .header("Content-Type", "application/json")\n    .POST(BodyPublishers.ofString(json)).build();'),
    ]),
    ("Java: run tasks in parallel with a fixed thread pool and wait for all of them", [
        (J, 2, 'ExecutorService pool = Executors.newFixedThreadPool(4);\ntry {\n    List<Future<Result>> futures = pool.invokeAll(tasks);\n    for (Future<Result> f : futures) results.add(f.get());\n} finally {\n    pool.shutdown();\n}'),
        (J, 0, 'ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();\ntimer.scheduleAtFixedRate(this::refresh, 0, 30, TimeUnit.SECONDS);'),
        (PY, 1, 'with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:\n    results = list(pool.map(run_task, tasks))'),
    ]),
    ("SQL: delete rows older than 90 days from the audit log", [
        (SQL, 2, "DELETE FROM audit_log WHERE created_at < now() - INTERVAL '90 days';"),
        (SQL, 0, "SELECT COUNT(*) FROM audit_log WHERE created_at >= now() - INTERVAL '90 days';"),
        (SQL, 0, "CREATE INDEX audit_log_created_idx ON audit_log (created_at);"),
    ]),
    ("check if a number is prime", [
        (PY, 2, 'def is_prime(n):\n    if n < 2:\n        return False\n    return all(n % d for d in range(2, math.isqrt(n) + 1))'),
        (J, 2, 'static boolean isPrime(long n) {\n    if (n < 2) return false;\n    for (long d = 2; d * d <= n; d++) if (n % d == 0) return false;\n    return true;\n}'),
        (PY, 0, 'def next_power_of_two(n):\n    return 1 << (n - 1).bit_length()'),
    ]),
    ("python: flatten a nested dictionary into dotted keys", [
        (PY, 2, 'def flatten(d, prefix=""):\n    out = {}\n    for k, v in d.items():\n        key = f"{prefix}.{k}" if prefix else k\n        if isinstance(v, dict):\n            out.update(flatten(v, key))\n        else:\n            out[key] = v\n    return out'),
        (PY, 0, 'def flatten_list(xs):\n    return [y for x in xs for y in x]'),
        (PY, 0, 'def get_dotted(d, key):\n    for part in key.split("."):\n        d = d[part]\n    return d'),
    ]),
    ("Java: convert a list of strings to a comma separated string", [
        (J, 2, 'String csv = String.join(",", names);'),
        (J, 0, 'List<String> names = Arrays.asList(csv.split("\\\\s*,\\\\s*"));'),
        (PY, 1, 'csv = ",".join(names)'),
    ]),
    ("SQL: running total of sales per day", [
        (SQL, 2, 'SELECT day, amount, SUM(amount) OVER (ORDER BY day) AS running_total\nFROM daily_sales\nORDER BY day;'),
        (SQL, 0, 'SELECT day, AVG(amount) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS avg_7d\nFROM daily_sales;'),
        (SQL, 0, 'SELECT SUM(amount) AS total FROM daily_sales;'),
    ]),
    ("validate a JSON web token signature", [
        (PY, 2, 'def verify(token, key):\n    return jwt.decode(token, key, algorithms=["RS256"], audience="api")'),
        (J, 2, 'Jws<Claims> claims = Jwts.parser().verifyWith(publicKey).build().parseSignedClaims(token);'),
        (PY, 0, 'def make_token(user_id, key):\n    return jwt.encode({"sub": user_id, "exp": time.time() + 3600}, key, algorithm="RS256")'),
    ]),
    ("python: read a large file line by line without loading it into memory", [
        (PY, 2, 'with open(path, encoding="utf-8") as f:\n    for line in f:\n        process(line.rstrip("\\n"))'),
        (PY, 0, 'with open(path, encoding="utf-8") as f:\n    lines = f.readlines()\nprocess_all(lines)'),
        (J, 1, 'try (BufferedReader r = Files.newBufferedReader(path)) {\n    for (String line; (line = r.readLine()) != null; ) process(line);\n}'),
    ]),
    ("SQL: customers who never placed an order", [
        (SQL, 2, 'SELECT c.id, c.name FROM customers c\nWHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id);'),
        (SQL, 2, 'SELECT c.id, c.name FROM customers c\nLEFT JOIN orders o ON o.customer_id = c.id\nWHERE o.id IS NULL;'),
        (SQL, 0, 'SELECT c.id, c.name, MAX(o.created_at) AS last_order\nFROM customers c JOIN orders o ON o.customer_id = c.id\nGROUP BY c.id, c.name;'),
    ]),
    ("Java: parse JSON into an object with Jackson", [
        (J, 2, 'ObjectMapper mapper = new ObjectMapper();\nOrder order = mapper.readValue(json, Order.class);'),
        (J, 0, 'ObjectMapper mapper = new ObjectMapper();\nString json = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(order);'),
        (PY, 1, 'order = Order(**json.loads(text))'),
    ]),
    ("compute the median of a list of numbers", [
        (PY, 2, 'def median(xs):\n    s = sorted(xs)\n    mid = len(s) // 2\n    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2'),
        (J, 2, 'static double median(double[] xs) {\n    double[] s = xs.clone();\n    Arrays.sort(s);\n    int m = s.length / 2;\n    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;\n}'),
        (PY, 0, 'def mean(xs):\n    return sum(xs) / len(xs)'),
    ]),
    ("python: rename all .jpeg files in a folder to .jpg", [
        (PY, 2, 'for p in pathlib.Path(folder).glob("*.jpeg"):\n    p.rename(p.with_suffix(".jpg"))'),
        (PY, 0, 'jpgs = sorted(pathlib.Path(folder).glob("*.jpg"))\nprint(len(jpgs), "images")'),
        (J, 1, 'try (var files = Files.newDirectoryStream(folder, "*.jpeg")) {\n    for (Path p : files)\n        Files.move(p, p.resolveSibling(p.getFileName().toString().replaceFirst("\\\\.jpeg$", ".jpg")));\n}'),
    ]),
    ("SQL: second highest salary", [
        (SQL, 2, 'SELECT MAX(salary) FROM employees\nWHERE salary < (SELECT MAX(salary) FROM employees);'),
        (SQL, 2, 'SELECT DISTINCT salary FROM employees\nORDER BY salary DESC\nOFFSET 1 LIMIT 1;'),
        (SQL, 0, 'SELECT department_id, MAX(salary) FROM employees GROUP BY department_id;'),
    ]),
    ("Java: cache results of an expensive function", [
        (J, 2, 'private final Map<String, Price> cache = new ConcurrentHashMap<>();\n\nPrice price(String sku) {\n    return cache.computeIfAbsent(sku, this::loadPrice);\n}'),
        (J, 0, 'void clearPriceCache() {\n    cache.clear();\n    log.info("price cache cleared");\n}'),
        (PY, 1, '@functools.lru_cache(maxsize=1024)\ndef price(sku):\n    return load_price(sku)'),
    ]),
    ("convert a timestamp from UTC to a local time zone", [
        (PY, 2, 'local = utc_dt.replace(tzinfo=datetime.timezone.utc).astimezone(zoneinfo.ZoneInfo("Europe/Berlin"))'),
        (J, 2, 'ZonedDateTime local = instant.atZone(ZoneId.of("Europe/Berlin"));'),
        (J, 0, 'long epochSeconds = Instant.now().getEpochSecond();'),
    ]),
    ("python: generate a random password with letters, digits and symbols", [
        (PY, 2, 'def random_password(length=16):\n    alphabet = string.ascii_letters + string.digits + string.punctuation\n    return "".join(secrets.choice(alphabet) for _ in range(length))'),
        (PY, 0, 'def password_strength(pw):\n    classes = [any(c.islower() for c in pw), any(c.isupper() for c in pw), any(c.isdigit() for c in pw)]\n    return len(pw) >= 12 and all(classes)'),
        (PY, 0, 'def hash_password(pw):\n    return bcrypt.hashpw(pw.encode(), bcrypt.gensalt())'),
    ]),
    ("SQL: number of active users per country", [
        (SQL, 2, "SELECT country, COUNT(*) AS active_users\nFROM users\nWHERE last_login_at >= now() - INTERVAL '30 days'\nGROUP BY country\nORDER BY active_users DESC;"),
        (SQL, 0, "UPDATE users SET active = false WHERE last_login_at < now() - INTERVAL '1 year';"),
        (SQL, 0, 'SELECT DISTINCT country FROM users ORDER BY country;'),
    ]),
    ("Java: check whether a string is a palindrome", [
        (J, 2, 'static boolean isPalindrome(String s) {\n    String t = s.replaceAll("[^A-Za-z0-9]", "").toLowerCase();\n    return new StringBuilder(t).reverse().toString().equals(t);\n}'),
        (J, 0, 'static String reverse(String s) {\n    return new StringBuilder(s).reverse().toString();\n}'),
        (PY, 1, 'def is_palindrome(s):\n    t = "".join(c.lower() for c in s if c.isalnum())\n    return t == t[::-1]'),
    ]),
    ("python: merge two sorted lists into one sorted list", [
        (PY, 2, 'def merge(a, b):\n    out, i, j = [], 0, 0\n    while i < len(a) and j < len(b):\n        if a[i] <= b[j]:\n            out.append(a[i]); i += 1\n        else:\n            out.append(b[j]); j += 1\n    return out + a[i:] + b[j:]'),
        (PY, 0, 'def merge_dicts(a, b):\n    return {**a, **b}'),
        (PY, 0, 'def is_sorted(xs):\n    return all(x <= y for x, y in zip(xs, xs[1:]))'),
    ]),
    ("SQL: add a foreign key from orders to customers", [
        (SQL, 2, 'ALTER TABLE orders\n    ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);'),
        (SQL, 0, 'ALTER TABLE orders ADD COLUMN customer_note text;'),
        (SQL, 0, 'SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id;'),
    ]),
    ("Java: copy a directory recursively", [
        (J, 2, 'try (Stream<Path> paths = Files.walk(src)) {\n    for (Path p : (Iterable<Path>) paths::iterator) {\n        Path target = dst.resolve(src.relativize(p));\n        if (Files.isDirectory(p)) Files.createDirectories(target);\n        else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);\n    }\n}'),
        (J, 0, 'try (Stream<Path> paths = Files.walk(dir)) {\n    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());\n}'),
        (PY, 1, 'shutil.copytree(src, dst, dirs_exist_ok=True)'),
    ]),
    ("validate that an IBAN has a correct checksum", [
        (PY, 2, 'def iban_ok(iban):\n    s = iban.replace(" ", "").upper()\n    s = s[4:] + s[:4]\n    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1'),
        (J, 2, 'static boolean ibanOk(String iban) {\n    String s = iban.replace(" ", "").toUpperCase();\n    s = s.substring(4) + s.substring(0, 4);\n    StringBuilder digits = new StringBuilder();\n    for (char c : s.toCharArray()) digits.append(Character.getNumericValue(c));\n    return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;\n}'),
        (PY, 0, 'def format_iban(iban):\n    s = iban.replace(" ", "").upper()\n    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))'),
    ]),
    ("python: measure how long a function takes", [
        (PY, 2, 'start = time.perf_counter()\nresult = work()\nprint(f"work took {time.perf_counter() - start:.3f} s")'),
        (PY, 0, 'def timeout(seconds):\n    signal.alarm(seconds)'),
        (J, 1, 'long t0 = System.nanoTime();\nResult result = work();\nSystem.out.printf("work took %.3f s%n", (System.nanoTime() - t0) / 1e9);'),
    ]),
    ("SQL: orders with their items as one JSON array per order", [
        (SQL, 2, "SELECT o.id, json_agg(json_build_object('sku', i.sku, 'qty', i.qty)) AS items\nFROM orders o JOIN order_items i ON i.order_id = o.id\nGROUP BY o.id;"),
        (SQL, 0, "SELECT o.id, COUNT(i.id) AS items\nFROM orders o LEFT JOIN order_items i ON i.order_id = o.id\nGROUP BY o.id;"),
        (SQL, 0, "SELECT id, payload->>'status' AS status FROM orders WHERE payload ? 'status';"),
    ]),
    ("Java: schedule a job to run every night at 2am", [
        (J, 2, '@Scheduled(cron = "0 0 2 * * *")\nvoid nightlyCleanup() {\n    repository.deleteExpired(Instant.now());\n}'),
        (J, 0, '@Scheduled(fixedDelay = 2000)\nvoid poll() {\n    queue.drainTo(buffer);\n}'),
        (PY, 1, 'scheduler.add_job(nightly_cleanup, "cron", hour=2, minute=0)'),
    ]),
    ("python: group a list of records by a key", [
        (PY, 2, 'def group_by(records, key):\n    groups = collections.defaultdict(list)\n    for r in records:\n        groups[r[key]].append(r)\n    return dict(groups)'),
        (PY, 0, 'def sort_by(records, key):\n    return sorted(records, key=lambda r: r[key])'),
        (SQL, 1, 'SELECT department, array_agg(name) AS members FROM employees GROUP BY department;'),
    ]),
    ("SQL: find gaps in a sequence of invoice numbers", [
        (SQL, 2, 'SELECT number + 1 AS missing_from, next_number - 1 AS missing_to\nFROM (SELECT number, LEAD(number) OVER (ORDER BY number) AS next_number FROM invoices) t\nWHERE next_number > number + 1;'),
        (SQL, 0, 'SELECT MAX(number) + 1 AS next_invoice_number FROM invoices;'),
        (SQL, 0, 'SELECT number, COUNT(*) FROM invoices GROUP BY number HAVING COUNT(*) > 1;'),
    ]),
    ("Java: limit how many requests per second a client can make", [
        (J, 2, 'synchronized boolean tryAcquire() {\n    long now = System.nanoTime();\n    tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);\n    last = now;\n    if (tokens < 1) return false;\n    tokens -= 1;\n    return true;\n}'),
        (J, 0, 'int requestsPerSecond(List<Instant> requests) {\n    Instant cutoff = Instant.now().minusSeconds(1);\n    return (int) requests.stream().filter(t -> t.isAfter(cutoff)).count();\n}'),
        (PY, 1, 'class RateLimiter:\n    def __init__(self, rate):\n        self.rate, self.tokens, self.last = rate, rate, time.monotonic()\n    def allow(self):\n        now = time.monotonic()\n        self.tokens = min(self.rate, self.tokens + (now - self.last) * self.rate)\n        self.last = now\n        if self.tokens < 1:\n            return False\n        self.tokens -= 1\n        return True'),
    ]),
    ("python: write a list of dictionaries to an Excel-friendly CSV", [
        (PY, 2, 'with open(path, "w", newline="", encoding="utf-8-sig") as f:\n    w = csv.DictWriter(f, fieldnames=rows[0].keys())\n    w.writeheader()\n    w.writerows(rows)'),
        (PY, 0, 'with open(path, newline="", encoding="utf-8-sig") as f:\n    rows = list(csv.DictReader(f))'),
        (PY, 1, 'pandas.DataFrame(rows).to_excel(path.replace(".csv", ".xlsx"), index=False)'),
    ]),
    ("SQL: pivot order counts by status into columns", [
        (SQL, 2, "SELECT customer_id,\n       COUNT(*) FILTER (WHERE status = 'open') AS open,\n       COUNT(*) FILTER (WHERE status = 'shipped') AS shipped,\n       COUNT(*) FILTER (WHERE status = 'cancelled') AS cancelled\nFROM orders GROUP BY customer_id;"),
        (SQL, 0, "SELECT status, COUNT(*) FROM orders GROUP BY status;"),
        (SQL, 0, "UPDATE orders SET status = 'cancelled' WHERE status = 'open' AND created_at < now() - INTERVAL '30 days';"),
    ]),
    ("Java: close a database connection safely after a query", [
        (J, 2, 'try (Connection c = dataSource.getConnection();\n     PreparedStatement ps = c.prepareStatement("SELECT name FROM users WHERE id = ?")) {\n    ps.setLong(1, id);\n    try (ResultSet rs = ps.executeQuery()) {\n        return rs.next() ? rs.getString(1) : null;\n    }\n}'),
        (J, 0, 'HikariConfig config = new HikariConfig();\nconfig.setJdbcUrl(url);\nconfig.setMaximumPoolSize(10);\nDataSource dataSource = new HikariDataSource(config);'),
        (PY, 1, 'with psycopg.connect(dsn) as conn, conn.cursor() as cur:\n    cur.execute("SELECT name FROM users WHERE id = %s", (user_id,))\n    row = cur.fetchone()'),
    ]),
    ("python: extract all URLs from a block of text", [
        (PY, 2, 'def urls(text):\n    return re.findall(r"https?://[^\\s)>\\]]+", text)'),
        (PY, 0, 'def is_url(s):\n    parts = urllib.parse.urlparse(s)\n    return parts.scheme in ("http", "https") and bool(parts.netloc)'),
        (PY, 0, 'def domain(url):\n    return urllib.parse.urlparse(url).netloc.lower()'),
    ]),
    ("SQL: products whose stock is below their reorder level", [
        (SQL, 2, 'SELECT sku, name, stock, reorder_level\nFROM products\nWHERE stock < reorder_level\nORDER BY stock - reorder_level;'),
        (SQL, 0, 'UPDATE products SET reorder_level = 10 WHERE reorder_level IS NULL;'),
        (SQL, 0, 'SELECT SUM(stock * unit_cost) AS stock_value FROM products;'),
    ]),
    ("Java: convert a number of bytes to a human readable size", [
        (J, 2, 'static String humanSize(long bytes) {\n    if (bytes < 1024) return bytes + " B";\n    int exp = (int) (Math.log(bytes) / Math.log(1024));\n    return String.format("%.1f %sB", bytes / Math.pow(1024, exp), "KMGTPE".charAt(exp - 1));\n}'),
        (J, 0, 'static long parseSize(String s) {\n    return Long.parseLong(s.replace("MB", "").trim()) * 1024 * 1024;\n}'),
        (PY, 1, 'def human_size(n):\n    for unit in ["B", "KB", "MB", "GB", "TB"]:\n        if n < 1024:\n            return f"{n:.1f} {unit}"\n        n /= 1024\n    return f"{n:.1f} PB"'),
    ]),
    ("python: load environment variables with a default value", [
        (PY, 2, 'DB_URL = os.environ.get("DB_URL", "postgresql://localhost/app")\nPOOL_SIZE = int(os.getenv("POOL_SIZE", "10"))'),
        (PY, 0, 'os.environ["DB_URL"] = "postgresql://localhost/test"'),
        (J, 1, 'String dbUrl = Optional.ofNullable(System.getenv("DB_URL")).orElse("jdbc:postgresql://localhost/app");'),
    ]),
    ("SQL: latest status per ticket from a history table", [
        (SQL, 2, 'SELECT DISTINCT ON (ticket_id) ticket_id, status, changed_at\nFROM ticket_history\nORDER BY ticket_id, changed_at DESC;'),
        (SQL, 2, 'SELECT ticket_id, status, changed_at FROM (\n    SELECT h.*, ROW_NUMBER() OVER (PARTITION BY ticket_id ORDER BY changed_at DESC) AS rn\n    FROM ticket_history h) t\nWHERE rn = 1;'),
        (SQL, 0, 'SELECT ticket_id, COUNT(*) AS changes FROM ticket_history GROUP BY ticket_id;'),
    ]),
]


def main():
    docs, queries, qrels = [], [], []
    n = 0
    for i, (description, snippets) in enumerate(GROUPS, 1):
        qid = f"C{i:03d}"
        queries.append((qid, description))
        for lang, grade, code in snippets:
            n += 1
            did = f"S{n:03d}"
            docs.append((did, "", code))
            if grade:
                qrels.append((qid, did, grade))
    beir.write("code-search", docs, queries, qrels)


if __name__ == "__main__":
    main()
