package dev.faasjvm.runtime.loader;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Deregisters the JDBC drivers that its own class loader defined. Never used from the runtime's
 * loader: {@link FunctionClassLoader} defines a copy of this class inside itself and runs that,
 * because {@code DriverManager} lets a caller see and deregister only the drivers its own loader
 * can see (the trick Tomcat uses). It must therefore refer to JDK types only. Answers the class
 * names of the drivers it removed.
 */
public final class JdbcDeregistration implements Supplier<List<String>> {
    /** Called reflectively on the copy defined in a function's loader. */
    public JdbcDeregistration() {
    }

    @Override
    public List<String> get() {
        ClassLoader own = JdbcDeregistration.class.getClassLoader();
        List<String> removed = new ArrayList<>();
        for (Enumeration<Driver> drivers = DriverManager.getDrivers(); drivers.hasMoreElements();) {
            Driver driver = drivers.nextElement();
            if (driver.getClass().getClassLoader() != own) {
                continue;
            }
            try {
                DriverManager.deregisterDriver(driver);
                removed.add(driver.getClass().getName());
            } catch (SQLException | SecurityException e) {
                removed.add(driver.getClass().getName() + " (could not deregister: " + e + ")");
            }
        }
        return removed;
    }
}
