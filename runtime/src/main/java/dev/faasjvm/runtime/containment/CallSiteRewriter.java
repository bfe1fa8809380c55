package dev.faasjvm.runtime.containment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites one class: every call site of a {@link Redirects redirected} member calls its stub
 * instead, passing the calling class; every method handle constant of one (a method reference such
 * as {@code System::exit}, compiled to an {@code invokedynamic} whose bootstrap arguments hold the
 * handle, or an {@code ldc} of a handle) points at a private static bridge method added to the
 * class, which calls the stub the same way. Not thread-safe: one instance per class.
 */
final class CallSiteRewriter extends ClassVisitor {
    private static final String BRIDGE_PREFIX = "faasjvm$contained$";
    private static final int FIRST_LDC_CLASS_VERSION = Opcodes.V1_5;

    private final Map<Redirects.Target, String> bridges = new LinkedHashMap<>();
    private String className;
    private int majorVersion;
    private boolean isInterface;
    private boolean changed;

    CallSiteRewriter(ClassVisitor next) {
        super(Opcodes.ASM9, next);
    }

    /** Whether anything was redirected; if not, the original bytes are defined. */
    boolean changed() {
        return changed;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
            String[] interfaces) {
        className = name;
        majorVersion = version & 0xFFFF;
        isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
        return new CallSites(super.visitMethod(access, name, descriptor, signature, exceptions));
    }

    @Override
    public void visitEnd() {
        bridges.forEach(this::writeBridge);
        super.visitEnd();
    }

    /** Pushes the calling class: a class constant, or for pre-Java 5 class files a stack walk. */
    private void pushCaller(MethodVisitor method) {
        if (majorVersion >= FIRST_LDC_CLASS_VERSION) {
            method.visitLdcInsn(Type.getObjectType(className));
        } else {
            method.visitMethodInsn(Opcodes.INVOKESTATIC, Redirects.STUBS + "ContainedSystem", "callerClass",
                    "()" + Redirects.CLASS_DESC, false);
        }
    }

    /** A handle to the bridge standing for {@code handle}'s member, or {@code handle} itself. */
    private Object redirectConstant(Object constant) {
        if (!(constant instanceof Handle)) {
            return constant;
        }
        Handle handle = (Handle) constant;
        int opcode = switch (handle.getTag()) {
            case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
            case Opcodes.H_INVOKEVIRTUAL -> Opcodes.INVOKEVIRTUAL;
            case Opcodes.H_GETSTATIC -> Opcodes.GETSTATIC;
            default -> -1;
        };
        Redirects.Target target = Redirects.of(opcode, handle.getOwner(), handle.getName(), handle.getDesc());
        // Interfaces may hold static methods only from Java 8 class files on.
        if (target == null || (isInterface && majorVersion < Opcodes.V1_8)) {
            return handle;
        }
        changed = true;
        String bridge = bridges.computeIfAbsent(target, ignored -> BRIDGE_PREFIX + bridges.size());
        return new Handle(Opcodes.H_INVOKESTATIC, className, bridge, bridgeDescriptor(target), isInterface);
    }

    /** The stub's descriptor without its trailing calling-class parameter. */
    private static String bridgeDescriptor(Redirects.Target target) {
        return target.descriptor().replace(Redirects.CLASS_DESC + ")", ")");
    }

    private void writeBridge(Redirects.Target target, String name) {
        String descriptor = bridgeDescriptor(target);
        MethodVisitor method = super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                name, descriptor, null, null);
        method.visitCode();
        int slot = 0;
        for (Type argument : Type.getArgumentTypes(descriptor)) {
            method.visitVarInsn(argument.getOpcode(Opcodes.ILOAD), slot);
            slot += argument.getSize();
        }
        pushCaller(method);
        method.visitMethodInsn(Opcodes.INVOKESTATIC, target.owner(), target.name(), target.descriptor(), false);
        Type result = Type.getReturnType(descriptor);
        method.visitInsn(result.getOpcode(Opcodes.IRETURN));
        method.visitMaxs(Math.max(slot + 1, result.getSize()), slot);
        method.visitEnd();
    }

    /** Redirects the call sites and handle constants of one method. */
    private final class CallSites extends MethodVisitor {
        private boolean pushesCaller;

        CallSites(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean itf) {
            Redirects.Target target = Redirects.of(opcode, owner, name, descriptor);
            if (target == null) {
                super.visitMethodInsn(opcode, owner, name, descriptor, itf);
                return;
            }
            redirect(target);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            Redirects.Target target = Redirects.of(opcode, owner, name, descriptor);
            if (target == null) {
                super.visitFieldInsn(opcode, owner, name, descriptor);
                return;
            }
            redirect(target);
        }

        private void redirect(Redirects.Target target) {
            changed = true;
            pushesCaller = true;
            // The arguments are on the stack already; the caller goes on top, the stub takes them all.
            pushCaller(mv);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, target.owner(), target.name(), target.descriptor(), false);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            Object[] redirected = arguments.clone();
            for (int i = 0; i < redirected.length; i++) {
                redirected[i] = redirectConstant(redirected[i]);
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, redirected);
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(redirectConstant(value));
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            // The calling class is one more value on the stack, on top of the call's arguments.
            super.visitMaxs(pushesCaller ? maxStack + 1 : maxStack, maxLocals);
        }
    }
}
