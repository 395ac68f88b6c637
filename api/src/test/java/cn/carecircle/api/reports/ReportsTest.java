package cn.carecircle.api.reports;

import static org.assertj.core.api.Assertions.assertThat;

import cn.carecircle.api.common.Role;
import cn.carecircle.api.security.Caller;
import cn.carecircle.api.support.Fixtures;
import cn.carecircle.api.support.IntegrationTest;
import cn.carecircle.api.timebank.TimeBankService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A monthly report whose every figure is checked against what the test made: two communities of a region of their
 * own (so no other test's data counts), orders placed over HTTP by a family member (app) and a worker (phone),
 * escalated (nobody online), assigned by hand, checked in and out at known minutes, time-bank minutes issued and
 * redeemed, a monthly visit, and a coverage computation; then the community report, the district report, and both
 * files. A second month of orders is rated good and bad over HTTP, with follow-up cases called back, closed on time
 * and left overdue, for the ratings and follow-up figures.
 */
class ReportsTest extends IntegrationTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired
    private TimeBankService timeBank;

    private String region;
    private UUID a;
    private UUID b;
    private WebTestClient worker;
    private WebTestClient secondWorker;

    @BeforeEach
    void setUp() {
        region = "17" + ThreadLocalRandom.current().nextInt(1000, 9999);
        a = community("0001", "甲社区");
        b = community("0002", "乙社区");
        worker = fixtures.worker(a, b);
        secondWorker = fixtures.worker(a, b);
    }

    @AfterEach
    void resetClock() {
        clock.set(START);
    }

    private UUID community(String suffix, String name) {
        UUID id = fixtures.community(Map.of(
                "code",
                region + suffix,
                "name",
                name,
                "regionCode",
                region,
                "centre",
                Map.of("lat", 40.7574, "lon", 107.3877)));
        fixtures.priceList(
                id,
                Fixtures.price("MEAL", 30, 1200, true, 30),
                Fixtures.price("BATHING", 60, 8000, true, null),
                Fixtures.price("CLEANING", 90, 6000, false, null));
        return id;
    }

    /** An elder the worker registered (special-difficulty, as the fixture's elder is). */
    private UUID workerElder(UUID community) {
        Map<String, Object> body = new HashMap<>(Fixtures.elderBody(community));
        body.remove("consentBy");
        body.remove("relationship");
        return UUID.fromString(worker.post()
                .uri("/api/v1/elders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString());
    }

    private UUID place(WebTestClient who, UUID elder, String service, int minutes) {
        return UUID.fromString(who.post()
                .uri("/api/v1/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "elderId",
                        elder.toString(),
                        "service",
                        service,
                        "durationMinutes",
                        minutes,
                        "settlement",
                        "PAID"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString());
    }

    private void cancel(WebTestClient who, UUID order) {
        who.post()
                .uri("/api/v1/orders/{o}/cancellation", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "老人临时外出"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** A provider of the community, at the fixture's home base, working any time, credential verified. */
    private String provider(UUID community, String service, String credential) {
        Map<String, Object> body = new HashMap<>(Fixtures.providerBody(community, service, credential));
        body.put("workingHours", List.of());
        WebTestClient client = as(uid("provider"));
        Map<?, ?> onboarded = client.post()
                .uri("/api/v1/providers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String id = onboarded.get("id").toString();
        Object credentialId = m(((List<?>) onboarded.get("credentials")).get(0)).get("id");
        worker.post()
                .uri("/api/v1/providers/{p}/credentials/{c}/verification", id, credentialId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("verified", true))
                .exchange()
                .expectStatus()
                .isOk();
        providerClients.put(id, client);
        return id;
    }

    /** At {@code minutes} after the start, the worker assigns the escalated order to the provider by hand. */
    private void assign(int minutes, UUID order, String provider) {
        assignAt(START.plus(Duration.ofMinutes(minutes)), order, provider);
    }

    private void assignAt(Instant at, UUID order, String provider) {
        clock.set(at);
        worker.post()
                .uri("/api/v1/orders/{id}/assignment", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("providerId", provider))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ASSIGNED");
    }

    /** At {@code minutes} after the start, the provider checks in at the door with the elder's code, then out. */
    private void serve(int minutes, UUID order, String provider, WebTestClient family) {
        serveAt(
                START.plus(Duration.ofMinutes(minutes)),
                START.plus(Duration.ofMinutes(minutes + 30)),
                order,
                provider,
                family);
    }

    /** The provider checks in at the door with the elder's code at {@code in}, and out at {@code out}. */
    private void serveAt(Instant in, Instant out, UUID order, String provider, WebTestClient family) {
        clock.set(in);
        Map<?, ?> codes = family.get()
                .uri("/api/v1/orders/{id}/visit-codes", order)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String code = m(((List<?>) codes.get("codes")).get(0)).get("code").toString();
        WebTestClient client = providerClients.get(provider);
        client.post()
                .uri("/api/v1/jobs/{id}/check-in", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("position", Map.of("lat", 40.7572, "lon", 107.3903), "visitCode", code))
                .exchange()
                .expectStatus()
                .isOk();
        clock.set(out);
        client.post()
                .uri("/api/v1/jobs/{id}/check-out", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("note", "送餐到家，老人状态良好"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    /**
     * A meal the family member orders for the elder at {@code placed}: nobody is online, so it escalates; the worker
     * assigns it by hand a minute later, and the provider checks in at the door and checks out at {@code done}.
     */
    private UUID completed(WebTestClient family, UUID elder, String provider, Instant placed, Instant done) {
        clock.set(placed);
        UUID order = place(family, elder, "MEAL", 30);
        assignAt(placed.plus(Duration.ofMinutes(1)), order, provider);
        serveAt(placed.plus(Duration.ofMinutes(2)), done, order, provider, family);
        return order;
    }

    /** The family member rates the order at this level over HTTP; returns the follow-up case it opened, or null. */
    private Object rate(WebTestClient family, UUID order, String level) {
        Map<?, ?> rating = family.post()
                .uri("/api/v1/orders/{id}/rating", order)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("level", level))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return rating.get("followUpId");
    }

    /** The worker takes a step of a follow-up case: calls, finding or closure. */
    private void followUp(Object caseId, String step, Map<String, Object> body) {
        worker.post()
                .uri("/api/v1/follow-ups/{id}/" + step, caseId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk();
    }

    private final Map<String, WebTestClient> providerClients = new HashMap<>();

    private static UUID accountId(WebTestClient client) {
        return UUID.fromString(client.get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("accountId")
                .toString());
    }

    private Map<?, ?> report(WebTestClient who, String query) {
        return who.get()
                .uri("/api/v1/reports/monthly?" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private static Map<?, ?> m(Object o) {
        return (Map<?, ?>) o;
    }

    /** A JSON object, for assertions on its entries. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<?, ?> byService(Map<?, ?> figures, String list, String service) {
        return ((List<?>) figures.get(list))
                .stream()
                        .map(ReportsTest::m)
                        .filter(x -> service.equals(x.get("service")))
                        .findFirst()
                        .orElseThrow();
    }

    @Test
    void everyFigureOfTheMonthComesFromWhatHappened() throws IOException {
        // a family member who also volunteers, bound to an elder of community a
        String familyUid = uid("family");
        WebTestClient family = as(familyUid);
        family.post()
                .uri("/api/v1/families/register")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", "李明", "phone", cn.carecircle.api.support.IdNumbers.mobile()))
                .exchange()
                .expectStatus()
                .isCreated();
        UUID e1 = fixtures.boundElder(family, worker, a);
        UUID e2 = workerElder(a);
        UUID e3 = workerElder(b);

        // three providers of community a, at home (nobody is online, so every order escalates at once)
        String meal1 = provider(a, "MEAL", "HEALTH_CERTIFICATE");
        String meal2 = provider(a, "MEAL", "HEALTH_CERTIFICATE");
        String bather = provider(a, "BATHING", "CAREGIVER_CERTIFICATE");

        // October, 23:00 in Beijing on the 31st: an order that belongs to October
        clock.set(Instant.parse("2026-10-31T15:00:00Z"));
        place(family, e1, "MEAL", 30);
        // half past midnight on 1 November in Beijing (still 31 October in UTC): November's
        clock.set(Instant.parse("2026-10-31T16:30:00Z"));
        place(family, e1, "MEAL", 30);

        clock.set(START);
        UUID o1 = place(family, e1, "MEAL", 30); // app, served
        UUID o2 = place(family, e1, "CLEANING", 90); // app, cancelled
        UUID o3 = place(worker, e1, "MEAL", 30); // phone, served
        UUID o4 = place(worker, e2, "BATHING", 60); // phone, assigned only
        UUID o5 = place(worker, e3, "MEAL", 30); // community b, phone, cancelled
        assign(4, o1, meal1); // by hand, 4 minutes after dispatch began
        clock.set(START.plus(Duration.ofMinutes(5)));
        cancel(family, o2);
        cancel(worker, o5);
        assign(10, o3, meal2);
        assign(21, o4, bather);
        serve(40, o1, meal1, family);
        serve(50, o3, meal2, family);
        clock.set(START.plus(Duration.ofHours(3)));

        // time bank: the volunteer earns 90 minutes in community a and pays 30 of them for e1's meal
        Map<String, Object> volunteer = Fixtures.providerBody(a, "MEAL", "VOLUNTEER_REGISTRATION");
        volunteer.put("kind", "VOLUNTEER");
        String volunteerId = family.post()
                .uri("/api/v1/providers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(volunteer)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
        String record = worker.post()
                .uri("/api/v1/timebank/service-records")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "volunteerId",
                        volunteerId,
                        "minutes",
                        90,
                        "servedOn",
                        LocalDate.ofInstant(clock.instant(), CHINA).toString(),
                        "description",
                        "陪同老人就医"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
        secondWorker
                .post()
                .uri("/api/v1/timebank/service-records/{id}/approval", record)
                .exchange()
                .expectStatus()
                .isOk();
        Caller familyCaller =
                new Caller(familyUid, accountId(family), "李明", Set.of(Role.FAMILY, Role.VOLUNTEER), Set.of());
        timeBank.redeem(familyCaller, e1, false, 30, UUID.randomUUID()).block(Duration.ofSeconds(10));

        // monthly visits: e1 is visited; e2 (a) and e3 (b) are not
        worker.post()
                .uri("/api/v1/visits")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "elderId",
                        e1.toString(),
                        "visitedAt",
                        START.toString(),
                        "method",
                        "PHONE",
                        "health",
                        "GOOD",
                        "livingConditions",
                        "GOOD"))
                .exchange()
                .expectStatus()
                .isCreated();
        worker.get()
                .uri("/api/v1/communities/{c}/visits", b)
                .exchange()
                .expectStatus()
                .isOk();

        // coverage of the month, computed once
        worker.post()
                .uri("/api/v1/communities/{c}/coverage/computation", a)
                .exchange()
                .expectStatus()
                .isOk();

        Map<?, ?> report = report(worker, "month=2026-11&communityId=" + a);
        assertThat(report.get("scope")).isEqualTo("COMMUNITY");
        assertThat(report.get("name")).isEqualTo("甲社区");
        assertThat(report.get("regionCode")).isEqualTo(region);
        // every section exists now that payments do: nothing is named missing
        assertThat((List<?>) report.get("unavailable")).isEmpty();
        assertThat(m(m(report.get("total")).get("subsidy")).get("spentFen")).isEqualTo(0);
        Map<?, ?> total = m(report.get("total"));
        assertThat(((List<?>) report.get("communities"))).hasSize(1);
        assertThat(total.get("eldersServed")).isEqualTo(1); // o1 and o3, both for e1
        assertThat(total.get("ordersPlaced")).isEqualTo(5); // o1..o4 and the one at 00:30 on 1 November
        assertThat(byService(total, "ordersByService", "MEAL").get("app")).isEqualTo(2);
        assertThat(byService(total, "ordersByService", "MEAL").get("phone")).isEqualTo(1);
        assertThat(byService(total, "ordersByService", "CLEANING").get("app")).isEqualTo(1);
        assertThat(byService(total, "ordersByService", "BATHING").get("phone")).isEqualTo(1);
        assertThat(byService(total, "ordersByService", "MEDICAL_VISIT").get("app"))
                .isEqualTo(0);
        assertThat(total.get("completed")).isEqualTo(2);
        assertThat(total.get("cancelled")).isEqualTo(1);
        // nobody was online: every order of November escalated to the board when it was placed
        assertThat(total.get("escalated")).isEqualTo(5);
        // dispatch to assignment: 4, 10 and 21 minutes; median 10; p90 = 10 + 0.8 × (21 − 10) = 18.8
        Map<?, ?> assignment = m(total.get("assignment"));
        assertThat(assignment.get("orders")).isEqualTo(3);
        assertThat(assignment.get("medianMinutes")).isEqualTo(10.0);
        assertThat(assignment.get("p90Minutes")).isEqualTo(18.8);
        assertThat(m(total.get("timeBank")).get("issuedMinutes")).isEqualTo(90);
        assertThat(m(total.get("timeBank")).get("redeemedMinutes")).isEqualTo(30);
        assertThat(m(total.get("visits")).get("planned")).isEqualTo(2);
        assertThat(m(total.get("visits")).get("visited")).isEqualTo(1);
        assertThat(m(total.get("visits")).get("rate")).isEqualTo(0.5);
        // o1 and o3 were completed and nobody rated them: unrated, never good
        assertThat(json(total.get("ratings")))
                .containsEntry("completed", 2)
                .containsEntry("rated", 0)
                .containsEntry("unrated", 2)
                .containsEntry("good", 0)
                .containsEntry("bad", 0)
                .doesNotContainKey("goodRate");
        assertThat(json(total.get("followUps")))
                .containsEntry("cases", 0)
                .containsEntry("closedOrDue", 0)
                .doesNotContainKey("callBackRate")
                .doesNotContainKey("onTimeClosureRate");
        // the two meal providers and the (female) bather live close to both elders; nobody cleans or nurses
        assertThat(byService(total, "coverage", "MEAL").get("elders")).isEqualTo(2);
        assertThat(byService(total, "coverage", "MEAL").get("covered")).isEqualTo(2);
        assertThat(byService(total, "coverage", "BATHING").get("rate")).isEqualTo(1.0);
        assertThat(byService(total, "coverage", "CLEANING").get("rate")).isEqualTo(0.0);

        Map<?, ?> october = m(report(worker, "month=2026-10&communityId=" + a).get("total"));
        assertThat(october.get("ordersPlaced")).isEqualTo(1);
        assertThat(october.get("completed")).isEqualTo(0);
        assertThat(m(october.get("assignment")).get("medianMinutes")).isNull();
        assertThat(m(october.get("visits")).get("rate")).isNull();

        // the district: both communities and their total, for the official too
        Map<?, ?> district = report(fixtures.official(a, b), "month=2026-11&regionCode=" + region);
        assertThat(district.get("scope")).isEqualTo("DISTRICT");
        List<?> rows = (List<?>) district.get("communities");
        assertThat(rows.stream().map(r -> m(r).get("name").toString()).toList()).containsExactly("甲社区", "乙社区");
        Map<?, ?> rowB = m(rows.get(1));
        assertThat(rowB.get("ordersPlaced")).isEqualTo(1);
        assertThat(rowB.get("cancelled")).isEqualTo(1);
        assertThat(m(rowB.get("visits")).get("planned")).isEqualTo(1);
        Map<?, ?> sum = m(district.get("total"));
        assertThat(sum.get("communityId")).isNull();
        assertThat(sum.get("ordersPlaced")).isEqualTo(6);
        assertThat(sum.get("cancelled")).isEqualTo(2);
        assertThat(sum.get("completed")).isEqualTo(2);
        assertThat(sum.get("eldersServed")).isEqualTo(1);
        assertThat(sum.get("escalated")).isEqualTo(6);
        assertThat(m(sum.get("assignment")).get("medianMinutes")).isEqualTo(10.0);
        assertThat(m(sum.get("visits")).get("planned")).isEqualTo(3);
        assertThat((Double) m(sum.get("visits")).get("rate"))
                .isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(m(sum.get("timeBank")).get("issuedMinutes")).isEqualTo(90);

        // the district as CSV: UTF-8 with a BOM, Chinese headings, one row per community and the total
        byte[] csv = worker.get()
                .uri("/api/v1/reports/monthly/export?month=2026-11&format=csv&regionCode=" + region)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith("text/csv")
                .expectHeader()
                .value(
                        "Content-Disposition",
                        d -> assertThat(d).startsWith("attachment;").contains(".csv"))
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(text))) {
            assertThat(parser.getHeaderNames())
                    .startsWith("月份", "社区", "服务老人数", "下单总数", "助餐-APP下单", "助餐-电话下单")
                    .contains("月探访率", "15分钟服务圈覆盖率-助餐", "派单至接单用时P90(分钟)");
            records = parser.getRecords();
        }
        assertThat(records).hasSize(3);
        Map<String, String> csvA = records.get(0).toMap();
        assertThat(csvA.get("月份")).isEqualTo("2026-11");
        assertThat(csvA.get("社区")).isEqualTo("甲社区");
        assertThat(csvA.get("下单总数")).isEqualTo("5");
        assertThat(csvA.get("助餐-APP下单")).isEqualTo("2");
        assertThat(csvA.get("派单至接单用时中位数(分钟)")).isEqualTo("10.0");
        assertThat(csvA.get("派单至接单用时P90(分钟)")).isEqualTo("18.8");
        assertThat(csvA.get("时间银行发放(分钟)")).isEqualTo("90");
        assertThat(csvA.get("月探访率")).isEqualTo("50.0%");
        Map<String, String> csvTotal = records.get(2).toMap();
        assertThat(csvTotal.get("社区")).isEqualTo("合计");
        assertThat(csvTotal.get("下单总数")).isEqualTo("6");
        assertThat(csvTotal.get("月探访率")).isEqualTo("33.3%");

        // the community as XLSX: the same figures in cells, and a sheet naming what is not available yet
        byte[] xlsx = worker.get()
                .uri("/api/v1/reports/monthly/export?month=2026-11&format=xlsx&communityId=" + a)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets.stream().map(Sheet::getName)).containsExactly("月报", "说明");
            List<org.dhatim.fastexcel.reader.Row> cells = sheets.get(0).read();
            assertThat(cells).hasSize(2);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < cells.get(0).getCellCount(); c++) {
                row.put(cells.get(0).getCellText(c), cells.get(1).getCellText(c));
            }
            assertThat(row.get("社区")).isEqualTo("甲社区");
            assertThat(row.get("下单总数")).isEqualTo("5");
            assertThat(row.get("完成单数")).isEqualTo("2");
            assertThat(row.get("转人工派单数")).isEqualTo("5");
            assertThat(row.get("派单至接单用时P90(分钟)")).isEqualTo("18.8");
            assertThat(row.get("时间银行兑换(分钟)")).isEqualTo("30");
            assertThat(row.get("月探访率")).isEqualTo("0.5");
            String notes =
                    sheets.get(1).read().stream().map(r -> r.getCellText(0)).collect(Collectors.joining("\n"));
            assertThat(notes).doesNotContain("养老服务补贴：暂无数据", "好差评：暂无数据", "差评回访：暂无数据");
            assertThat(new java.math.BigDecimal(row.get("养老服务补贴支出(元)"))).isEqualByComparingTo("0");
        }
    }

    @Test
    void ratingsAndFollowUpsCountInTheMonthTheOrderWasCompletedInChinaTime() throws IOException {
        WebTestClient family = fixtures.family();
        UUID elderA = fixtures.boundElder(family, worker, a);
        UUID elderB = fixtures.boundElder(family, worker, b);
        String cookA = provider(a, "MEAL", "HEALTH_CERTIFICATE");
        String cookB = provider(b, "MEAL", "HEALTH_CERTIFICATE");

        // completed at 23:20 on 31 October in Beijing: October's, rated good
        UUID october = completed(
                family, elderA, cookA, Instant.parse("2026-10-31T15:00:00Z"), Instant.parse("2026-10-31T15:20:00Z"));
        assertThat(rate(family, october, "VERY_SATISFIED")).isNull();
        // placed on 31 October, completed at 00:10 on 1 November in Beijing (still October in UTC): November's,
        // and nobody rates it
        completed(family, elderA, cookA, Instant.parse("2026-10-31T15:40:00Z"), Instant.parse("2026-10-31T16:10:00Z"));

        // Monday 23 November: community a has five more, rated by the family member; b has two
        List<String> levelsA =
                List.of("VERY_SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED", "VERY_DISSATISFIED", "DISSATISFIED");
        List<Object> casesA = new ArrayList<>();
        for (int i = 0; i < levelsA.size(); i++) {
            Instant placed = START.plus(Duration.ofHours(i));
            UUID order = completed(family, elderA, cookA, placed, placed.plus(Duration.ofMinutes(20)));
            Object caseId = rate(family, order, levelsA.get(i));
            if (caseId != null) {
                casesA.add(caseId);
            }
        }
        assertThat(casesA).hasSize(3);
        Instant placedB = START.plus(Duration.ofHours(5));
        UUID goodB = completed(family, elderB, cookB, placedB, placedB.plus(Duration.ofMinutes(20)));
        assertThat(rate(family, goodB, "SATISFIED")).isNull();
        placedB = START.plus(Duration.ofHours(6));
        UUID badB = completed(family, elderB, cookB, placedB, placedB.plus(Duration.ofMinutes(20)));
        assertThat(rate(family, badB, "VERY_DISSATISFIED")).isNotNull();

        // the cases are due at the end of Monday 30 November; the worker tries to call back the first (not reached)
        // and handles the second to closure at once; the third, and b's, stay untouched
        clock.set(START.plus(Duration.ofHours(8)));
        followUp(casesA.get(0), "calls", Map.of("outcome", "NOT_REACHABLE"));
        followUp(casesA.get(1), "calls", Map.of("outcome", "REACHED", "note", "家属反映饭菜偏凉"));
        followUp(casesA.get(1), "finding", Map.of("finding", "NOT_UPHELD"));
        followUp(casesA.get(1), "closure", Map.of("handlingLevel", "SATISFIED"));

        Map<?, ?> now = m(report(worker, "month=2026-11&communityId=" + a).get("total"));
        // the report's own count of completions agrees: six orders reached COMPLETED in November in Beijing
        assertThat(now.get("completed")).isEqualTo(6);
        assertThat(json(now.get("ratings")))
                .containsEntry("completed", 6)
                .containsEntry("rated", 5)
                .containsEntry("unrated", 1)
                .containsEntry("good", 2)
                .containsEntry("bad", 3)
                .containsEntry("goodRate", 0.4);
        // one case closed, none past its due time yet
        assertThat(json(now.get("followUps")))
                .containsEntry("cases", 3)
                .containsEntry("calledBack", 2)
                .containsEntry("callBackRate", 2.0 / 3)
                .containsEntry("closedOnTime", 1)
                .containsEntry("closedOrDue", 1)
                .containsEntry("onTimeClosureRate", 1.0);
        Map<?, ?> octoberTotal =
                m(report(worker, "month=2026-10&communityId=" + a).get("total"));
        assertThat(json(octoberTotal.get("ratings")))
                .containsEntry("completed", 1)
                .containsEntry("rated", 1)
                .containsEntry("unrated", 0)
                .containsEntry("good", 1)
                .containsEntry("goodRate", 1.0);
        assertThat(json(octoberTotal.get("followUps")))
                .containsEntry("cases", 0)
                .doesNotContainKey("callBackRate")
                .doesNotContainKey("onTimeClosureRate");

        // 1 December, 10:00 in Beijing: the open cases are past their due time
        clock.set(Instant.parse("2026-12-01T02:00:00Z"));
        Map<?, ?> later = m(report(worker, "month=2026-11&communityId=" + a).get("total"));
        assertThat(json(later.get("followUps")))
                .containsEntry("cases", 3)
                .containsEntry("calledBack", 2)
                .containsEntry("closedOnTime", 1)
                .containsEntry("closedOrDue", 3)
                .containsEntry("onTimeClosureRate", 1.0 / 3);

        // the district: each community, and a total over both
        Map<?, ?> district = report(fixtures.official(a, b), "month=2026-11&regionCode=" + region);
        List<?> rows = (List<?>) district.get("communities");
        Map<?, ?> rowB = m(rows.get(1));
        assertThat(rowB.get("name")).isEqualTo("乙社区");
        assertThat(json(rowB.get("ratings")))
                .containsEntry("completed", 2)
                .containsEntry("rated", 2)
                .containsEntry("good", 1)
                .containsEntry("bad", 1)
                .containsEntry("goodRate", 0.5);
        assertThat(json(rowB.get("followUps")))
                .containsEntry("cases", 1)
                .containsEntry("calledBack", 0)
                .containsEntry("callBackRate", 0.0)
                .containsEntry("closedOrDue", 1)
                .containsEntry("onTimeClosureRate", 0.0);
        assertThat(json(m(rows.get(0)).get("ratings"))).containsEntry("good", 2);
        Map<?, ?> sum = m(district.get("total"));
        assertThat(json(sum.get("ratings")))
                .containsEntry("completed", 8)
                .containsEntry("rated", 7)
                .containsEntry("unrated", 1)
                .containsEntry("good", 3)
                .containsEntry("bad", 4)
                .containsEntry("goodRate", 3.0 / 7);
        assertThat(json(sum.get("followUps")))
                .containsEntry("cases", 4)
                .containsEntry("calledBack", 2)
                .containsEntry("callBackRate", 0.5)
                .containsEntry("closedOnTime", 1)
                .containsEntry("closedOrDue", 4)
                .containsEntry("onTimeClosureRate", 0.25);
        assertThat(district.get("unavailable").toString()).doesNotContain("RATINGS", "FOLLOW_UPS");

        // the district as CSV: the new headings, shares as percentages
        byte[] csv = worker.get()
                .uri("/api/v1/reports/monthly/export?month=2026-11&format=csv&regionCode=" + region)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8)))) {
            assertThat(parser.getHeaderNames())
                    .contains(
                            "应评价单数",
                            "已评价单数",
                            "未评价单数",
                            "好评数",
                            "差评数",
                            "好评率",
                            "差评回访件数",
                            "已回访件数",
                            "回访率",
                            "按期办结件数",
                            "已办结或到期件数",
                            "按期办结率");
            records = parser.getRecords();
        }
        assertThat(records).hasSize(3);
        assertThat(records.get(0).toMap())
                .containsEntry("社区", "甲社区")
                .containsEntry("应评价单数", "6")
                .containsEntry("未评价单数", "1")
                .containsEntry("好评数", "2")
                .containsEntry("差评数", "3")
                .containsEntry("好评率", "40.0%")
                .containsEntry("差评回访件数", "3")
                .containsEntry("回访率", "66.7%")
                .containsEntry("按期办结率", "33.3%");
        assertThat(records.get(1).toMap())
                .containsEntry("社区", "乙社区")
                .containsEntry("回访率", "0.0%")
                .containsEntry("按期办结率", "0.0%");
        assertThat(records.get(2).toMap())
                .containsEntry("社区", "合计")
                .containsEntry("已评价单数", "7")
                .containsEntry("好评率", "42.9%")
                .containsEntry("回访率", "50.0%")
                .containsEntry("按期办结件数", "1")
                .containsEntry("已办结或到期件数", "4")
                .containsEntry("按期办结率", "25.0%");

        // October's community file: no case, so the rates are empty cells
        byte[] octoberCsv = worker.get()
                .uri("/api/v1/reports/monthly/export?month=2026-10&format=csv&communityId=" + a)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        try (CSVParser parser = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(new String(octoberCsv, 3, octoberCsv.length - 3, StandardCharsets.UTF_8)))) {
            assertThat(parser.getRecords().get(0).toMap())
                    .containsEntry("好评率", "100.0%")
                    .containsEntry("差评回访件数", "0")
                    .containsEntry("回访率", "")
                    .containsEntry("按期办结率", "");
        }

        // the community as XLSX: numbers in cells, shares as fractions formatted as percentages
        byte[] xlsx = worker.get()
                .uri("/api/v1/reports/monthly/export?month=2026-11&format=xlsx&communityId=" + a)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            List<org.dhatim.fastexcel.reader.Row> cells = sheets.get(0).read();
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < cells.get(0).getCellCount(); c++) {
                row.put(cells.get(0).getCellText(c), cells.get(1).getCellText(c));
            }
            assertThat(row)
                    .containsEntry("应评价单数", "6")
                    .containsEntry("已评价单数", "5")
                    .containsEntry("好评数", "2")
                    .containsEntry("差评数", "3")
                    .containsEntry("好评率", "0.4")
                    .containsEntry("已回访件数", "2")
                    .containsEntry("已办结或到期件数", "3");
            assertThat(Double.parseDouble(row.get("回访率")))
                    .isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(Double.parseDouble(row.get("按期办结率")))
                    .isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
            String notes =
                    sheets.get(1).read().stream().map(r -> r.getCellText(0)).collect(Collectors.joining("\n"));
            assertThat(notes).contains("好评率：", "回访率：", "按期办结率：");
        }
    }

    @Test
    void aFutureMonthAnUncoveredCommunityAnUnknownFormatAndAMissingScopeAreRefused() {
        String problems = "https://carecircle.cn/problems/";
        worker.get()
                .uri("/api/v1/reports/monthly?month=2026-12&communityId=" + a)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("month")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("not-future");
        worker.get()
                .uri("/api/v1/reports/monthly?month=2026-1&communityId=" + a)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].rule")
                .isEqualTo("pattern");
        UUID elsewhere = fixtures.community();
        worker.get()
                .uri("/api/v1/reports/monthly?month=2026-11&communityId=" + elsewhere)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(problems + "not-found");
        worker.get()
                .uri("/api/v1/reports/monthly?month=2026-11&regionCode=150899")
                .exchange()
                .expectStatus()
                .isNotFound();
        worker.get()
                .uri("/api/v1/reports/monthly/export?month=2026-11&format=pdf&communityId=" + a)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("format")
                .jsonPath("$.errors[0].rule")
                .isEqualTo("enum");
        worker.get()
                .uri("/api/v1/reports/monthly/export?month=2026-12&format=csv&communityId=" + a)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].rule")
                .isEqualTo("not-future");
        worker.get()
                .uri("/api/v1/reports/monthly?month=2026-11")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].rule")
                .isEqualTo("one-scope");
        worker.get()
                .uri("/api/v1/reports/monthly?month=2026-11&regionCode=" + region + "&communityId=" + a)
                .exchange()
                .expectStatus()
                .isBadRequest();
        fixtures.family()
                .get()
                .uri("/api/v1/reports/monthly?month=2026-11&communityId=" + a)
                .exchange()
                .expectStatus()
                .isForbidden();
    }
}
