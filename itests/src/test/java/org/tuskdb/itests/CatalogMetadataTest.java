package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The PostgreSQL JDBC driver's DatabaseMetaData (getTables, getColumns, getPrimaryKeys,
 * getIndexInfo, getSchemas) runs its catalog queries on Tusk and gets PostgreSQL's answers (the
 * same assertions hold with {@code -Dtusk.itest.target=postgres}).
 */
@Tag("storage")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogMetadataTest {
    private StorageServer server;

    @BeforeAll
    void startServer() throws SQLException {
        server = StorageServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta_parent (id integer PRIMARY KEY, code varchar(12) NOT NULL UNIQUE, "
                + "price numeric(8,2) DEFAULT 0, note text)");
            s.execute("CREATE TABLE meta_child (a int, b bigint, parent_id int REFERENCES meta_parent(id), "
                + "PRIMARY KEY (b, a))");
            s.execute("CREATE INDEX meta_child_parent_idx ON meta_child (parent_id DESC)");
            s.execute("CREATE VIEW meta_view AS SELECT id, code FROM meta_parent");
            s.execute("CREATE SEQUENCE meta_seq");
            s.execute("COMMENT ON TABLE meta_parent IS 'parents'");
        }
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            out.add(rs.getString(name));
        }
        return out;
    }

    @Test
    void getTablesListsTablesViewsAndSequencesByType() throws SQLException {
        try (Connection c = server.connect()) {
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getTables(null, "public", "meta_%", new String[] {"TABLE"})) {
                assertEquals(List.of("meta_child", "meta_parent"), column(rs, "TABLE_NAME"));
            }
            try (ResultSet rs = md.getTables(null, "public", "meta_%", null)) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString("TABLE_TYPE") + ":" + rs.getString("TABLE_NAME") + ":"
                        + rs.getString("TABLE_SCHEM") + ":" + rs.getString("REMARKS"));
                }
                assertEquals(List.of("INDEX:meta_child_parent_idx:public:null", "INDEX:meta_child_pkey:public:null",
                    "INDEX:meta_parent_code_key:public:null", "INDEX:meta_parent_pkey:public:null",
                    "SEQUENCE:meta_seq:public:null", "TABLE:meta_child:public:null", "TABLE:meta_parent:public:parents",
                    "VIEW:meta_view:public:null"), rows);
            }
            try (ResultSet rs = md.getTables(null, null, "meta_nothing", null)) {
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void getColumnsGivesTypesSizesNullabilityAndDefaults() throws SQLException {
        try (Connection c = server.connect()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = md.getColumns(null, "public", "meta_parent", "%")) {
                while (rs.next()) {
                    rows.add(rs.getInt("ORDINAL_POSITION") + " " + rs.getString("COLUMN_NAME") + " "
                        + rs.getInt("DATA_TYPE") + " " + rs.getString("TYPE_NAME") + " " + rs.getInt("COLUMN_SIZE")
                        + " " + rs.getInt("DECIMAL_DIGITS") + " " + rs.getInt("NULLABLE") + " "
                        + rs.getString("IS_NULLABLE") + " " + rs.getString("COLUMN_DEF") + " "
                        + rs.getString("IS_AUTOINCREMENT"));
                }
            }
            assertEquals(List.of(
                "1 id " + Types.INTEGER + " int4 10 0 0 NO null NO",
                "2 code " + Types.VARCHAR + " varchar 12 0 0 NO null NO",
                "3 price " + Types.NUMERIC + " numeric 8 2 1 YES 0 NO",
                "4 note " + Types.VARCHAR + " text 2147483647 0 1 YES null NO"), rows);
        }
    }

    @Test
    void getPrimaryKeysGivesColumnsInKeyOrder() throws SQLException {
        try (Connection c = server.connect()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = md.getPrimaryKeys(null, "public", "meta_child")) {
                while (rs.next()) {
                    rows.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("KEY_SEQ") + " " + rs.getString("PK_NAME"));
                }
            }
            rows.sort(null);
            assertEquals(List.of("a 2 meta_child_pkey", "b 1 meta_child_pkey"), rows);
            try (ResultSet rs = md.getPrimaryKeys(null, "public", "meta_parent")) {
                assertEquals(List.of("id"), column(rs, "COLUMN_NAME"));
            }
        }
    }

    @Test
    void getIndexInfoListsUniqueAndPlainIndexes() throws SQLException {
        try (Connection c = server.connect()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = md.getIndexInfo(null, "public", "meta_parent", false, false)) {
                while (rs.next()) {
                    rows.add(rs.getString("INDEX_NAME") + " " + rs.getBoolean("NON_UNIQUE") + " "
                        + rs.getString("COLUMN_NAME") + " " + rs.getInt("ORDINAL_POSITION"));
                }
            }
            rows.sort(null);
            assertEquals(List.of("meta_parent_code_key false code 1", "meta_parent_pkey false id 1"), rows);
        }
    }

    @Test
    void getSchemasListsPublic() throws SQLException {
        try (Connection c = server.connect()) {
            try (ResultSet rs = c.getMetaData().getSchemas()) {
                assertTrue(column(rs, "TABLE_SCHEM").contains("public"));
            }
        }
    }

    @Test
    void getFunctionsAndFunctionColumnsReadPgProc() throws SQLException {
        try (Connection c = server.connect()) {
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getFunctions(null, "pg_catalog", "initcap")) {
                assertEquals(List.of("initcap"), column(rs, "FUNCTION_NAME"));
            }
            try (ResultSet rs = md.getFunctionColumns(null, "pg_catalog", "initcap", null)) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
                }
                assertEquals(2, rows.size(), rows.toString()); // the result and the one argument
            }
            try (ResultSet rs = md.getProcedures(null, "public", "%")) {
                assertFalse(rs.next()); // no user-defined routines
            }
        }
    }
}
