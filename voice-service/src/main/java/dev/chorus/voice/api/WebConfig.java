package dev.chorus.voice.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final ServiceTokenInterceptor serviceToken;

    WebConfig(ServiceTokenInterceptor serviceToken) {
        this.serviceToken = serviceToken;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(serviceToken).addPathPatterns("/internal/**");
    }
}
