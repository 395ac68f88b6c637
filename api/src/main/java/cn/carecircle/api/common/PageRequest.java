package cn.carecircle.api.common;

/** A zero-based page of at most 100 rows. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 100;

    public PageRequest {
        Violations v = new Violations();
        v.check(page >= 0, "page", "min", "must be at least 0");
        v.check(size >= 1 && size <= MAX_SIZE, "size", "range", "must be between 1 and " + MAX_SIZE);
        v.throwIfAny();
    }

    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? 20 : size);
    }

    public long offset() {
        return (long) page * size;
    }
}
