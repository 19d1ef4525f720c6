package dev.weir.retail.system;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import dev.weir.platform.web.PageSizes;

/**
 * What the Retail service's OpenAPI document says beyond what the annotations can: the
 * page sizes a {@code limit} takes (from the settings), the fields that may be
 * {@code null}, the invoice number that may be a string or an integer, and the invoice
 * date as the service writes it (the shop's clock, no offset: not an RFC 3339
 * {@code date-time}, which would make generated clients expect one).
 */
@Component
class RetailOpenApi implements OpenApiCustomizer {

    /** The invoice date as the service writes it. */
    static final String LOCAL_DATE_TIME = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?$";

    private final RetailProperties properties;

    RetailOpenApi(RetailProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customise(OpenAPI openApi) {
        PageSizes.describe(openApi, this.properties.defaultPageSize(), this.properties.maxPageSize());
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        nullable(schemas, "Invoice", "customer");
        nullable(schemas, "InvoiceLine", "description");
        nullable(schemas, "InvoiceLineOfInvoice", "description");
        nullable(schemas, "StockCode", "description", "unit_price");
        nullable(schemas, "Product", "name", "description", "price");
        localDateTime(schemas, "Invoice", "invoice_date");
        Schema<?> invoiceNo = property(schemas, "CreateInvoiceRequest", "invoice_no");
        if (invoiceNo != null) {
            invoiceNo.setTypes(new LinkedHashSet<>(List.of("string", "integer")));
            invoiceNo.setMinimum(BigDecimal.ZERO);
        }
    }

    private static void nullable(Map<String, Schema> schemas, String name, String... properties) {
        Schema<?> owner = schemas.get(name);
        if (owner == null || owner.getProperties() == null) {
            return;
        }
        for (String property : properties) {
            Schema<?> schema = owner.getProperties().get(property);
            if (schema == null) {
                continue;
            }
            if (schema.get$ref() != null) {
                Schema<Object> either = new Schema<>();
                either.setAnyOf(List.of(new Schema<>().$ref(schema.get$ref()), nullType()));
                either.setDescription(schema.getDescription());
                owner.getProperties().put(property, either);
            }
            else {
                Set<String> types = new LinkedHashSet<>();
                if (schema.getTypes() != null) {
                    types.addAll(schema.getTypes());
                }
                else if (schema.getType() != null) {
                    types.add(schema.getType());
                }
                types.add("null");
                schema.setTypes(types);
            }
        }
    }

    private static Schema<Object> nullType() {
        Schema<Object> type = new Schema<>();
        type.setTypes(new LinkedHashSet<>(List.of("null")));
        return type;
    }

    private static void localDateTime(Map<String, Schema> schemas, String name, String property) {
        Schema<?> schema = property(schemas, name, property);
        if (schema != null) {
            schema.setFormat(null);
            schema.setPattern(LOCAL_DATE_TIME);
            schema.setDescription(
                    "ISO-8601 local date-time on the shop's clock (Europe/London), without an offset: 2010-12-01T08:26:00");
        }
    }

    private static Schema<?> property(Map<String, Schema> schemas, String name, String property) {
        Schema<?> owner = schemas.get(name);
        return (owner != null && owner.getProperties() != null) ? owner.getProperties().get(property) : null;
    }

}
