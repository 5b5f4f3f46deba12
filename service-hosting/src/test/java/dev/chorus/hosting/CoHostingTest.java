package dev.chorus.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

class CoHostingTest {

    /** A service whose main class sits beside this module's test application.yml. */
    @Configuration(proxyBeanMethods = false)
    static class TestService {
    }

    @Test
    void aServiceReadsTheConfigurationFileBesideItsMainClassOnly() {
        Map<String, String> settings = CoHosting.settings(TestService.class, true);
        assertThat(settings.get("spring.config.location")).endsWith("/test-classes/application.yml");

        // Spring Boot's own jar has no application.yml: such a context gets none, not another one's.
        assertThat(CoHosting.settings(SpringApplication.class, true).get("spring.config.location"))
                .startsWith("optional:classpath:/dev/chorus/hosting/");
    }

    @Test
    void springSecurityIsExcludedUnlessTheServiceUsesIt() {
        assertThat(CoHosting.settings(TestService.class, false).get("spring.autoconfigure.exclude"))
                .contains("org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration");
        assertThat(CoHosting.settings(TestService.class, true)).doesNotContainKey("spring.autoconfigure.exclude");
    }

    @Test
    void aStartedServiceSeesItsOwnFileAndTheOverridesAboveIt() {
        try (ConfigurableApplicationContext context = CoHosting.start(TestService.class, false,
                Map.of("spring.main.web-application-type", "none", "hosting-test.override", "from the caller"))) {
            assertThat(context.getEnvironment().getProperty("hosting-test.origin")).isEqualTo("the test service's own file");
            assertThat(context.getEnvironment().getProperty("hosting-test.override")).isEqualTo("from the caller");
            assertThat(context.getEnvironment().getProperty("logging.include-application-name")).isEqualTo("false");
        }
    }
}
