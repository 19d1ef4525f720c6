package dev.weir.platform.database;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Puts a {@link DatabaseBreaker} in front of the service's connection pool (every
 * {@link HikariDataSource} bean), unless {@code weir.database.breaker.enabled=false}.
 * Everything that takes the {@code DataSource} bean (JDBC clients, transactions, Flyway,
 * health) then goes through it; {@code unwrap} still reaches the pool.
 */
@AutoConfiguration
@ConditionalOnClass(HikariDataSource.class)
@EnableConfigurationProperties(WeirDatabaseProperties.class)
public class WeirDatabaseAutoConfiguration {

    @Bean
    static BeanPostProcessor weirDatabaseBreaker(ObjectProvider<WeirDatabaseProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool) {
                    WeirDatabaseProperties.Breaker breaker = properties.getObject().breaker();
                    if (breaker.enabled()) {
                        String name = (pool.getPoolName() != null) ? pool.getPoolName() : beanName;
                        return new DatabaseBreaker(pool, name, breaker.probeInterval());
                    }
                }
                return bean;
            }
        };
    }

}
