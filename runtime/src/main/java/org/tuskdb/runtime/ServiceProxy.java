package org.tuskdb.runtime;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a launcher object serve as an api service. The api interfaces (ProcessContext,
 * WorkerLauncher) are loaded by the api bundle's class loader, which the launcher class path
 * cannot see at compile time; so the launcher registers a dynamic proxy implementing the bundle's
 * interface, which calls the launcher object's public method of the same name and parameter types
 * (records give exactly those accessors). Interface default methods the target lacks run as
 * defaults.
 */
final class ServiceProxy implements InvocationHandler {
    private final Object target;
    private final Map<Method, Method> targets = new ConcurrentHashMap<>();

    private ServiceProxy(Object target) {
        this.target = target;
    }

    static Object of(Class<?> serviceInterface, Object target) {
        return Proxy.newProxyInstance(serviceInterface.getClassLoader(), new Class<?>[] {serviceInterface},
                new ServiceProxy(target));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> target.toString();
            };
        }
        Method implementation = targets.computeIfAbsent(method, this::find);
        if (implementation == null) {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new UnsupportedOperationException(method.getName() + " is not implemented by " + target.getClass());
        }
        try {
            return implementation.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Method find(Method method) {
        try {
            Method m = target.getClass().getMethod(method.getName(), method.getParameterTypes());
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
