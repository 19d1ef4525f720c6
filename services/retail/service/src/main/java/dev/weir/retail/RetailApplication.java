package dev.weir.retail;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Retail service: customers, invoices and the stock-code catalogue over REST, on
 * PostgreSQL schema {@code retail}. Runs inside {@code weir up} or on its own
 * ({@code WEIR_DB_URL} required).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RetailApplication {

    /**
     * The name of the service's configuration file ({@code retail.yml}) and of the
     * service.
     */
    public static final String NAME = "retail";

    public static void main(String[] args) {
        builder().run(args);
    }

    /** An application builder for the service, reading {@code retail.yml}. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(RetailApplication.class).main(RetailApplication.class)
            .properties("spring.config.name=" + NAME);
    }

}
