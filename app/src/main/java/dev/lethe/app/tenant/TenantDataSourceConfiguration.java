package dev.lethe.app.tenant;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every use of the application's data source goes through {@link TenantBoundDataSource}. */
@Configuration(proxyBeanMethods = false)
class TenantDataSourceConfiguration {

    @Bean
    static BeanPostProcessor tenantBoundDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && "dataSource".equals(beanName)
                        ? new TenantBoundDataSource(dataSource)
                        : bean;
            }
        };
    }
}
