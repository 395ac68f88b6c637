package cn.carecircle.api.common;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Small helpers for binding and reading the column types the repositories share. */
public final class Sql {

    private Sql() {}

    public static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    public static String[] names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toArray(String[]::new);
    }

    public static <E extends Enum<E>> Set<E> enumSet(String[] names, Class<E> type) {
        EnumSet<E> set = EnumSet.noneOf(type);
        if (names != null) {
            Arrays.stream(names).map(n -> Enum.valueOf(type, n)).forEach(set::add);
        }
        return set;
    }

    public static <E extends Enum<E>> E enumOrNull(String name, Function<String, E> valueOf) {
        return name == null ? null : valueOf.apply(name);
    }
}
