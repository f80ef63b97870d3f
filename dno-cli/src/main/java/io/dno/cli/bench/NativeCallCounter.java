package io.dno.cli.bench;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A Java agent that counts native calls into PyTorch: every call site of a {@code ai.djl.pytorch.jni.PyTorchLibrary}
 * method (DJL's only door into {@code libdjl_torch}, one JNI call each) in DJL's PyTorch classes gets a
 * {@link NativeCalls#hit} before it. Counting at the call sites, not in the native library, makes the count exact
 * and independent of the machine (no sampling, no uprobes). {@code dno bench} reports the counts when it runs:
 *
 * <pre>
 * DNO_JAVA_OPTS=-javaagent:dno-cli/target/dno.jar ./dno bench train --preset tiny
 * </pre>
 *
 * (dno.jar's manifest names this class as its {@code Premain-Class}.) A counting run is for counting: time without it.
 */
public final class NativeCallCounter {
    private static final String LIBRARY = "ai/djl/pytorch/jni/PyTorchLibrary";
    private static final String COUNTERS = "io/dno/cli/bench/NativeCalls";

    private NativeCallCounter() {}

    /** The agent entry point. */
    public static void premain(String args, Instrumentation instrumentation) {
        instrumentation.addTransformer(new CallSiteRewriter());
        NativeCalls.activate();
    }

    static final class CallSiteRewriter implements ClassFileTransformer {
        @Override
        public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                                byte[] bytes) {
            if (className == null || !className.startsWith("ai/djl/pytorch/") || className.equals(LIBRARY)) {
                return null;
            }
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, 0);           // the inserted push/call needs no new frames
            boolean[] changed = {false};
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String signature,
                                                 String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, desc, signature, exceptions)) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String method, String d, boolean itf) {
                            if (owner.equals(LIBRARY) && !method.equals("<init>")) {
                                super.visitLdcInsn(NativeCalls.id(method));
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, COUNTERS, "hit", "(I)V", false);
                                changed[0] = true;
                            }
                            super.visitMethodInsn(opcode, owner, method, d, itf);
                        }

                        @Override
                        public void visitMaxs(int maxStack, int maxLocals) {
                            super.visitMaxs(maxStack + 1, maxLocals);     // room for the pushed id
                        }
                    };
                }
            }, 0);
            return changed[0] ? writer.toByteArray() : null;
        }
    }
}
