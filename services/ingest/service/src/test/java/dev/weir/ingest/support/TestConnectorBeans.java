package dev.weir.ingest.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Java connectors of the tests' ingest service. */
@TestConfiguration(proxyBeanMethods = false)
public class TestConnectorBeans {

    @Bean
    TokenPagedConnector tokenPagedConnector() {
        return new TokenPagedConnector();
    }

}
