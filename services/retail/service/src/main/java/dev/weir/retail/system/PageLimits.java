package dev.weir.retail.system;

import org.springframework.stereotype.Component;

import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;

/** Checks a client's {@code limit} against the configured page sizes. */
@Component
public class PageLimits {

    private final RetailProperties properties;

    PageLimits(RetailProperties properties) {
        this.properties = properties;
    }

    /**
     * The limit to use: the default when none was given, else the given one if it is in
     * range.
     */
    public int resolve(Integer limit) {
        if (limit == null) {
            return this.properties.defaultPageSize();
        }
        if (limit < 1 || limit > this.properties.maxPageSize()) {
            throw WeirException
                .invalid(FieldError.query("limit", "must be between 1 and " + this.properties.maxPageSize()));
        }
        return limit;
    }

}
