package cn.carecircle.api.reports;

import cn.carecircle.api.common.ApiException;
import cn.carecircle.api.common.FieldViolation;
import cn.carecircle.api.common.ServiceType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.http.MediaType;

/**
 * The report as a file, one row per community (and the total of a district), with Chinese headings. CSV is UTF-8
 * with a byte-order mark, so that Excel on a Chinese Windows opens it correctly; XLSX is written by fastexcel's
 * streaming writer, with a second sheet explaining the figures and naming the sections not available yet. Writing
 * blocks, so callers run it off the event loop.
 */
final class ReportFiles {

    enum Format {
        CSV("csv", new MediaType("text", "csv", StandardCharsets.UTF_8)),
        XLSX("xlsx", MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

        private final String extension;
        private final MediaType mediaType;

        Format(String extension, MediaType mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        String extension() {
            return extension;
        }

        MediaType mediaType() {
            return mediaType;
        }

        static Format parse(String format) {
            for (Format f : values()) {
                if (f.extension.equals(format == null ? null : format.toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw ApiException.invalid(new FieldViolation("format", "enum", "must be one of: csv, xlsx", format));
        }
    }

    /** Fen as yuan with two decimals (the money columns' unit). */
    private static java.math.BigDecimal yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2);
    }

    /** A column: its heading and how a row's value is read. Numbers stay numbers; rates are shares (0..1). */
    private record Column(String heading, Function<Row, Object> value, boolean rate) {}

    private record Row(String month, MonthlyReport.Figures figures) {}

    private static final List<Column> COLUMNS = columns();

    private ReportFiles() {}

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(new Column("月份", Row::month, false));
        c.add(new Column("社区", r -> r.figures().name(), false));
        c.add(new Column("服务老人数", r -> r.figures().eldersServed(), false));
        c.add(new Column("下单总数", r -> r.figures().ordersPlaced(), false));
        for (ServiceType s : ServiceType.values()) {
            String label = label(s);
            c.add(new Column(label + "-APP下单", r -> orders(r, s).app(), false));
            c.add(new Column(label + "-电话下单", r -> orders(r, s).phone(), false));
        }
        c.add(new Column("完成单数", r -> r.figures().completed(), false));
        c.add(new Column("取消单数", r -> r.figures().cancelled(), false));
        c.add(new Column("转人工派单数", r -> r.figures().escalated(), false));
        c.add(new Column("接单订单数", r -> r.figures().assignment().orders(), false));
        c.add(new Column("派单至接单用时中位数(分钟)", r -> r.figures().assignment().medianMinutes(), false));
        c.add(new Column("派单至接单用时P90(分钟)", r -> r.figures().assignment().p90Minutes(), false));
        c.add(new Column("时间银行发放(分钟)", r -> r.figures().timeBank().issuedMinutes(), false));
        c.add(new Column("时间银行兑换(分钟)", r -> r.figures().timeBank().redeemedMinutes(), false));
        c.add(new Column("养老服务补贴支出(元)", r -> yuan(r.figures().subsidy().spentFen()), false));
        c.add(new Column("补贴订单数", r -> r.figures().subsidy().orders(), false));
        c.add(new Column("受补贴老人数", r -> r.figures().subsidy().elders(), false));
        c.add(new Column("应评价单数", r -> r.figures().ratings().completed(), false));
        c.add(new Column("已评价单数", r -> r.figures().ratings().rated(), false));
        c.add(new Column("未评价单数", r -> r.figures().ratings().unrated(), false));
        c.add(new Column("好评数", r -> r.figures().ratings().good(), false));
        c.add(new Column("差评数", r -> r.figures().ratings().bad(), false));
        c.add(new Column("好评率", r -> r.figures().ratings().goodRate(), true));
        c.add(new Column("差评回访件数", r -> r.figures().followUps().cases(), false));
        c.add(new Column("已回访件数", r -> r.figures().followUps().calledBack(), false));
        c.add(new Column("回访率", r -> r.figures().followUps().callBackRate(), true));
        c.add(new Column("按期办结件数", r -> r.figures().followUps().closedOnTime(), false));
        c.add(new Column("已办结或到期件数", r -> r.figures().followUps().closedOrDue(), false));
        c.add(new Column("按期办结率", r -> r.figures().followUps().onTimeClosureRate(), true));
        c.add(new Column("特殊困难老年人应探访人数", r -> r.figures().visits().planned(), false));
        c.add(new Column("已探访人数", r -> r.figures().visits().visited(), false));
        c.add(new Column("月探访率", r -> r.figures().visits().rate(), true));
        for (ServiceType s : ServiceType.values()) {
            c.add(new Column("15分钟服务圈覆盖率-" + label(s), r -> coverage(r, s).rate(), true));
        }
        return List.copyOf(c);
    }

    static List<String> headings() {
        return COLUMNS.stream().map(Column::heading).toList();
    }

    private static String label(ServiceType s) {
        return cn.carecircle.matching.domain.ServiceType.valueOf(s.name()).label();
    }

    private static MonthlyReport.ServiceOrders orders(Row r, ServiceType s) {
        return r.figures().ordersByService().stream()
                .filter(o -> o.service() == s)
                .findFirst()
                .orElseThrow();
    }

    private static MonthlyReport.CoverageFigure coverage(Row r, ServiceType s) {
        return r.figures().coverage().stream()
                .filter(o -> o.service() == s)
                .findFirst()
                .orElseThrow();
    }

    private static List<Row> rows(MonthlyReport report) {
        String month = report.month().toString();
        List<Row> rows = new ArrayList<>();
        report.communities().forEach(f -> rows.add(new Row(month, f)));
        if (report.scope() == MonthlyReport.Scope.DISTRICT) {
            rows.add(new Row(month, report.total()));
        }
        return rows;
    }

    static byte[] write(MonthlyReport report, Format format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            if (format == Format.CSV) {
                csv(report, out);
            } else {
                xlsx(report, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String fileName(MonthlyReport report, Format format) {
        String scope = report.scope() == MonthlyReport.Scope.DISTRICT ? report.regionCode() : report.name();
        return "月报-" + scope + "-" + report.month() + "." + format.extension();
    }

    private static void csv(MonthlyReport report, OutputStream out) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CSVPrinter printer = CSVFormat.DEFAULT
                .builder()
                .setHeader(headings().toArray(String[]::new))
                .get()
                .print(writer)) {
            for (Row row : rows(report)) {
                List<Object> values = new ArrayList<>();
                for (Column column : COLUMNS) {
                    Object v = column.value().apply(row);
                    values.add(v == null ? "" : column.rate() ? percent((Double) v) : v);
                }
                printer.printRecord(values);
            }
        }
    }

    private static String percent(Double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100.0);
    }

    private static void xlsx(MonthlyReport report, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "CareCircle", "1.0");
        Worksheet sheet = workbook.newWorksheet("月报");
        for (int c = 0; c < COLUMNS.size(); c++) {
            sheet.value(0, c, COLUMNS.get(c).heading());
            sheet.style(0, c).bold().wrapText(true).set();
        }
        int r = 1;
        for (Row row : rows(report)) {
            for (int c = 0; c < COLUMNS.size(); c++) {
                Column column = COLUMNS.get(c);
                Object v = column.value().apply(row);
                if (v instanceof Number n) {
                    sheet.value(r, c, n);
                    if (column.rate()) {
                        sheet.style(r, c).format("0.0%").set();
                    }
                } else if (v != null) {
                    sheet.value(r, c, v.toString());
                }
            }
            if (row.figures().communityId() == null) {
                sheet.range(r, 0, r, COLUMNS.size() - 1).style().bold().set();
            }
            r++;
            if (r % 500 == 0) {
                sheet.flush();
            }
        }
        sheet.freezePane(2, 1);
        sheet.finish();
        Worksheet notes = workbook.newWorksheet("说明");
        List<String> lines = new ArrayList<>();
        lines.add("统计月份：" + report.month() + "（北京时间自然月）");
        lines.add("服务老人数：当月有订单完成服务的老年人人数");
        lines.add("派单至接单用时：当月首次被接单的订单，自开始派单至首次接单的分钟数");
        lines.add("应评价单数：当月完成服务（按完成时间计）的订单，不含争议后取消的订单；其评价、差评回访无论何时发生，都计入完成当月");
        lines.add("好评：非常满意、满意、基本满意；差评：不满意、非常不满意；未评价的订单不计为好评");
        lines.add("好评率：好评数 ÷ 已评价单数");
        lines.add("回访率：至少记录过一次回访的差评回访件数 ÷ 差评回访件数（目标100%）");
        lines.add("按期办结率：在办结期限内办结的件数 ÷ 已办结或已过期限的件数（是否过期按报表生成时间判断）");
        lines.add("月探访率：已探访的特殊困难老年人 ÷ 应探访的特殊困难老年人");
        lines.add("15分钟服务圈覆盖率：15分钟（社区设定的时限）内至少有一名符合条件的服务人员可达的老年人占比");
        for (MonthlyReport.Gap gap : report.unavailable()) {
            lines.add(sectionLabel(gap.section()) + "：暂无数据（相关功能尚未上线）");
        }
        for (int i = 0; i < lines.size(); i++) {
            notes.value(i, 0, lines.get(i));
        }
        notes.finish();
        workbook.finish();
    }

    static String sectionLabel(MonthlyReport.Section section) {
        return switch (section) {
            case SUBSIDY -> "养老服务补贴";
        };
    }
}
