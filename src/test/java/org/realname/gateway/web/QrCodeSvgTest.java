package org.realname.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

class QrCodeSvgTest {

    private static final int SCALE = 4;

    @Test
    void theSvg_decodesBackToTheLink() throws Exception {
        String link = "alipays://platformapi/startapp?appId=20000067&url="
                + "https%3A%2F%2Fopenapi.alipay.com%2Fgateway.do%3Fapp_id%3D2021000000000001%26sign%3Dabc";
        String svg = QrCodeSvg.of(link);
        assertTrue(svg.startsWith("<svg"), svg.substring(0, 20));

        assertEquals(link, decode(svg));
    }

    /** Rasterises the SVG's unit squares and reads them with ZXing's decoder. */
    private static String decode(String svg) throws Exception {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertTrue(box.find());
        int w = Integer.parseInt(box.group(1));
        int h = Integer.parseInt(box.group(2));
        byte[] pixels = new byte[w * SCALE * h * SCALE];
        java.util.Arrays.fill(pixels, (byte) 0xFF);
        Matcher m = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(svg);
        while (m.find()) {
            int x = Integer.parseInt(m.group(1));
            int y = Integer.parseInt(m.group(2));
            for (int dy = 0; dy < SCALE; dy++) {
                for (int dx = 0; dx < SCALE; dx++) {
                    pixels[(y * SCALE + dy) * w * SCALE + x * SCALE + dx] = 0;
                }
            }
        }
        LuminanceSource source = new LuminanceSource(w * SCALE, h * SCALE) {
            @Override
            public byte[] getRow(int y, byte[] row) {
                byte[] r = row != null && row.length >= getWidth() ? row : new byte[getWidth()];
                System.arraycopy(pixels, y * getWidth(), r, 0, getWidth());
                return r;
            }

            @Override
            public byte[] getMatrix() {
                return pixels;
            }
        };
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }
}
