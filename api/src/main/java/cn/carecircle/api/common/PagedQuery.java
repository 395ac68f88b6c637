package cn.carecircle.api.common;

import io.r2dbc.spi.Readable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import reactor.core.publisher.Mono;

/**
 * A filtered list read a page at a time: the conditions that apply (only those whose value is given) are joined
 * with {@code and}, bound as parameters, and used for both the page and the total count.
 */
public final class PagedQuery {

    private final String from;
    private final List<String> where = new ArrayList<>();
    private final Map<String, Object> binds = new LinkedHashMap<>();

    private PagedQuery(String from) {
        this.from = from;
    }

    /** {@code from} is the table (with joins) to read, e.g. {@code service_order o}. */
    public static PagedQuery from(String from) {
        return new PagedQuery(from);
    }

    /** Binds a parameter that {@code from} itself uses (in a join condition). */
    public PagedQuery bind(String name, Object value) {
        binds.put(name, value);
        return this;
    }

    /** Adds {@code condition} with its parameter {@code :name} when the value is given; otherwise nothing. */
    public PagedQuery where(String condition, String name, Object value) {
        if (value != null) {
            where.add(condition);
            binds.put(name, value);
        }
        return this;
    }

    public <T> Mono<Page<T>> fetch(
            DatabaseClient db, String columns, String orderBy, PageRequest page, Function<Readable, T> read) {
        String condition = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        GenericExecuteSpec count = db.sql("select count(*) as n from " + from + condition);
        GenericExecuteSpec items = db.sql("select " + columns + " from " + from + condition + " order by " + orderBy
                + " limit :limit offset :offset");
        for (var b : binds.entrySet()) {
            count = count.bind(b.getKey(), b.getValue());
            items = items.bind(b.getKey(), b.getValue());
        }
        items = items.bind("limit", page.size()).bind("offset", page.offset());
        return Mono.zip(
                        count.map((row, meta) -> row.get("n", Long.class)).one(),
                        items.map(read::apply).all().collectList())
                .map(t -> new Page<>(t.getT2(), page.page(), page.size(), t.getT1()));
    }
}
