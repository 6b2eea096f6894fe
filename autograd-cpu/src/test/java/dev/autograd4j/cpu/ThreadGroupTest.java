package dev.autograd4j.cpu;

import dev.autograd4j.Device;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's long-lived threads belong to no caller's thread group (Note [Worker threads belong to no caller] in
 * {@link Parallel}): Maven's {@code exec:java} interrupts and joins the threads of the program's group at exit, for
 * up to 15 seconds each, and neither a pool worker nor a Cleaner's thread ends on an interrupt.
 */
class ThreadGroupTest {

    @Test
    void workersAndTheCleanerLiveOutsideTheGroupOfTheThreadThatStartedThem() throws InterruptedException {
        ThreadGroup host = new ThreadGroup("host");
        Throwable[] failure = new Throwable[1];
        Thread main = new Thread(host, () -> {
            try {
                Tensor a = Tensor.rand(new Generator(0), new int[] {256, 256}, dev.autograd4j.DType.FLOAT32,
                        Device.cpu());
                a.matmul(a).exp().sum().item(); // parallel kernels, and storages
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "host-main");
        main.start();
        main.join();
        assertNull(failure[0]);
        Thread[] inHost = new Thread[host.activeCount() + 16];
        int n = host.enumerate(inHost, true);
        for (int i = 0; i < n; i++) {
            assertFalse(inHost[i].getName().startsWith("autograd4j"), inHost[i] + " is in the caller's group");
        }
        List<Thread> ours = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("autograd4j-") && t.getThreadGroup() != null).toList();
        for (Thread t : ours) {
            ThreadGroup g = t.getThreadGroup();
            assertTrue(t.isDaemon(), t + " is not a daemon");
            assertTrue(g.getParent() == null || g.getParent().getParent() == null,
                    t + " is in " + g.getName() + ", not in (a group under) the root group");
        }
    }
}
