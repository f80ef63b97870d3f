package io.dno.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The counting agent puts exactly one counter call before every call into DJL's native PyTorch library. */
class NativeCallCounterTest {

    @Test
    void everyNativeCallSiteGetsOneCounterCall() throws Exception {
        byte[] original = classBytes("ai/djl/pytorch/jni/JniUtils");
        byte[] rewritten = new NativeCallCounter.CallSiteRewriter().transform(null, "ai/djl/pytorch/jni/JniUtils",
                null, null, original);
        int[] before = count(original);
        int[] after = count(rewritten);
        assertTrue(before[0] > 100, "JniUtils calls the native library at " + before[0] + " sites");
        assertEquals(0, before[1]);
        assertEquals(before[0], after[0]);
        assertEquals(before[0], after[1], "one counter call per native call site");
    }

    @Test
    void classesOutsideDjlsPyTorchEngineAreLeftAlone() throws Exception {
        assertNull(new NativeCallCounter.CallSiteRewriter().transform(null, "io/dno/cli/bench/Medians", null, null,
                classBytes("io/dno/cli/bench/Medians")));
    }

    private static byte[] classBytes(String name) throws Exception {
        try (InputStream in = NativeCallCounterTest.class.getClassLoader().getResourceAsStream(name + ".class")) {
            return in.readAllBytes();
        }
    }

    /** {native call sites, counter call sites}. */
    private static int[] count(byte[] bytes) {
        int[] n = new int[2];
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String method, String d, boolean itf) {
                        if (owner.equals("ai/djl/pytorch/jni/PyTorchLibrary") && !method.equals("<init>")) {
                            n[0]++;
                        } else if (owner.equals("io/dno/cli/bench/NativeCalls") && method.equals("hit")) {
                            n[1]++;
                        }
                    }
                };
            }
        }, 0);
        return n;
    }
}
