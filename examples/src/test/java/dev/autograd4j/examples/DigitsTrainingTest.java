package dev.autograd4j.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The walkthrough's MLP on real data: the digits, split 80/20 by a seeded shuffle (java.util.Random(0)). */
class DigitsTrainingTest {

    @Test
    void datasetLoads() {
        Digits digits = Digits.load();
        assertEquals(1797, digits.size());
        assertEquals(1797 * 64, digits.pixels().length);
    }

    @Test
    void mlpReachesNinetyFivePercentOnHeldOutDigits() {
        double accuracy = Walkthrough.trainDigits(dev.autograd4j.Device.cpu(), 40);
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
    }
}
