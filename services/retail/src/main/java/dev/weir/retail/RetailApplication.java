package dev.weir.retail;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Retail service: customers, invoices and the stock-code catalogue over REST, on
 * PostgreSQL schema {@code retail}. Runs inside {@code weir up} or on its own
 * ({@code WEIR_DB_URL} required).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RetailApplication {

    public static void main(String[] args) {
        SpringApplication.run(RetailApplication.class, args);
    }

}
