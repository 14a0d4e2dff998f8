package org.realname.gateway.provider.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class AppLinkTest {

    @Test
    void appLink_wrapsTheCertifyUrl_inTheAlipaysScheme() {
        URI certify = URI.create("https://openapi.alipay.com/gateway.do?app_id=1&biz_content=%7B%22certify_id%22%3A%22x%22%7D&sign=a%2Bb");
        URI link = AlipayProvider.appLinkFor(certify);
        String s = link.toString();
        assertTrue(s.startsWith("alipays://platformapi/startapp?appId=20000067&url="), s);
        assertEquals(certify.toString(), URLDecoder.decode(s.substring(s.indexOf("&url=") + 5), StandardCharsets.UTF_8));
    }

    @Test
    void faceMaterialInAnAnswer_isReported_byItsSizeOnly() throws Exception {
        ObjectMapper m = new ObjectMapper();
        assertTrue(ResponseVerifier.warnIfMaterialCarriesImages(m.readTree("{\"FACIAL_PICTURE_FRONT\":\"/9j/4AAQSkZJRg\"}")));
        assertFalse(ResponseVerifier.warnIfMaterialCarriesImages(m.readTree("\"{}\"")));
        assertFalse(ResponseVerifier.warnIfMaterialCarriesImages(null));
    }
}
