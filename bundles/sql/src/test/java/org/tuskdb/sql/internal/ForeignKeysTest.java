package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** FOREIGN KEY enforcement: checks of the referencing side, actions of the referenced side, at the statement's end. */
class ForeignKeysTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture a = new SessionFixture(engine);
    private final SessionFixture b = new SessionFixture(engine);

    private void parentAndChild(String actions) {
        a.rows("create table p (id int primary key, v text)");
        a.rows("create table c (id int, pid int references p " + actions + ")");
        a.rows("insert into p values (1, 'a'), (2, 'b')");
        a.rows("insert into c values (10, 1), (11, 1), (12, null)");
    }

    @Test
    void insertOfAMissingKeyIs23503() {
        parentAndChild("");
        DatabaseException e = a.error("insert into c values (13, 5)");
        assertEquals("23503", e.sqlState());
        assertEquals("insert or update on table \"c\" violates foreign key constraint \"c_pid_fkey\"", e.getMessage());
        assertEquals("Key (pid)=(5) is not present in table \"p\".", e.detail());
        assertEquals("c_pid_fkey", e.object().constraint());
        assertEquals("23503", a.error("update c set pid = 7 where id = 10").sqlState());
        a.rows("update c set pid = 2 where id = 10");
        assertEquals(List.of("10|2", "11|1", "12|"), a.rows("select * from c order by id"));
    }

    @Test
    void noActionDeleteIsRefusedUnlessTheChildGoesToo() {
        parentAndChild("");
        DatabaseException e = a.error("delete from p where id = 1");
        assertEquals("23503", e.sqlState());
        assertEquals("update or delete on table \"p\" violates foreign key constraint \"c_pid_fkey\" on table \"c\"",
            e.getMessage());
        assertEquals("Key (id)=(1) is still referenced from table \"c\".", e.detail());
        assertEquals("23503", a.error("update p set id = 3 where id = 1").sqlState());
        a.rows("delete from p where id = 2");
        assertEquals(List.of("DELETE 1"), a.tags());
    }

    @Test
    void selfReferencingRowsDeletedTogetherPass() {
        a.rows("create table t (id int primary key, parent int references t)");
        a.rows("insert into t values (1, null), (2, 1), (3, 2), (4, 4)");
        assertEquals("23503", a.error("insert into t values (5, 6)").sqlState());
        assertEquals("23503", a.error("delete from t where id = 1").sqlState());
        a.rows("delete from t");
        assertEquals(List.of("DELETE 4"), a.tags());
    }

    @Test
    void cascadeSetNullSetDefault() {
        parentAndChild("on delete cascade on update cascade");
        a.rows("update p set id = 5 where id = 1");
        assertEquals(List.of("10|5", "11|5", "12|"), a.rows("select * from c order by id"));
        a.rows("delete from p where id = 5");
        assertEquals(List.of("12|"), a.rows("select * from c order by id"));
        a.rows("create table d (id int, pid int default 2 references p on delete set default on update set null)");
        a.rows("insert into p values (1, 'x')");
        a.rows("insert into d values (1, 1)");
        a.rows("update p set id = 3 where id = 1");
        assertEquals("1|", a.value("select * from d"));
        a.rows("update d set pid = 3");
        a.rows("delete from p where id = 3");
        assertEquals("1|2", a.value("select * from d"));
        assertEquals("23503", a.error("delete from p where id = 2").sqlState()); // SET DEFAULT to a missing key
    }

    @Test
    void cascadedUpdateOfACompositeKeyIsNotReChecked() {
        a.rows("create table p (a int, b int, primary key (a, b))");
        a.rows("create table c (x int, a int, b int, foreign key (a, b) references p on update cascade)");
        a.rows("insert into p values (1, 1), (1, 2)");
        a.rows("insert into c values (1, 1, 1), (2, 1, 2), (3, null, 5)");
        a.rows("update p set b = b + 10");
        assertEquals(List.of("1|1|11", "2|1|12", "3||5"), a.rows("select * from c order by x"));
    }

    @Test
    void onConflictDoUpdateAndTruncateAreChecked() {
        parentAndChild("");
        a.rows("create unique index c_id on c (id)");
        assertEquals("23503", a.error("insert into c values (10, 1) on conflict (id) do update set pid = 9").sqlState());
        a.rows("insert into c values (10, 1) on conflict (id) do update set pid = 2");
        assertEquals("2", a.value("select pid from c where id = 10"));
        a.rows("insert into p values (3, 'c')");
        a.rows("create table q (id int primary key references p)");
        a.rows("insert into q values (3)");
        assertEquals("23503", a.error("insert into p values (3, 'x') on conflict (id) do update set id = 4").sqlState());
        DatabaseException e = a.error("truncate p");
        assertEquals("0A000", e.sqlState());
        assertEquals("cannot truncate a table referenced in a foreign key constraint", e.getMessage());
        assertEquals("Table \"c\" references \"p\".", e.detail());
        a.rows("truncate c, q, p");
        assertEquals("0", a.value("select count(*) from p"));
    }

    @Test
    void aReferencedTableMayBeDroppedWithItsReferencingTable() {
        parentAndChild("");
        assertEquals("2BP01", a.error("drop table p").sqlState());
        a.rows("drop table p, c");
        assertEquals(List.of(), a.sink.notices);
        assertEquals("42P01", a.error("select * from c").sqlState());
    }

    @Test
    void initiallyDeferredKeysAreCheckedAtCommit() {
        a.rows("create table p (id int primary key)");
        a.rows("create table c (pid int references p deferrable initially deferred)");
        a.rows("begin");
        a.rows("insert into c values (1)");
        a.rows("insert into p values (1)");
        a.rows("commit");
        assertEquals(List.of("COMMIT"), a.tags());
        a.rows("begin");
        a.rows("delete from p");
        a.rows("insert into p values (1)");
        a.rows("commit");
        a.rows("begin");
        a.rows("insert into c values (2)");
        DatabaseException e = a.error("commit");
        assertEquals("23503", e.sqlState());
        assertEquals('I', a.session.transactionStatus());
        assertEquals(List.of("1"), a.rows("select pid from c"));
        assertEquals("23503", a.error("insert into c values (3)").sqlState()); // implicit transaction: at its end
        assertEquals("t|t", a.value("select condeferrable, condeferred from pg_constraint where contype = 'f'"));
        a.rows("begin");
        a.rows("insert into c values (7)");
        assertEquals("23503", a.error("set constraints all immediate").sqlState());
        a.rows("rollback");
        a.rows("begin");
        a.rows("set constraints c_pid_fkey immediate");
        assertEquals("23503", a.error("insert into c values (8)").sqlState());
        a.rows("rollback");
        a.rows("begin");
        assertEquals("42704", a.error("set constraints nope deferred").sqlState());
        a.rows("rollback");
        a.rows("begin");
        a.rows("savepoint s");
        a.rows("insert into c values (4)");
        a.rows("rollback to s");
        a.rows("commit");
        assertEquals(List.of("COMMIT"), a.tags());
    }

    @Test
    void ddlErrors() {
        a.rows("create table p (id int primary key, u int, t text unique)");
        DatabaseException e = a.error("create table c (x int references p (u))");
        assertEquals("42830", e.sqlState());
        assertEquals("there is no unique constraint matching given keys for referenced table \"p\"", e.getMessage());
        e = a.error("create table c (x int references p (t))");
        assertEquals("42804", e.sqlState());
        assertEquals("foreign key constraint \"c_x_fkey\" cannot be implemented", e.getMessage());
        assertEquals("Key columns \"x\" and \"t\" are of incompatible types: integer and text.", e.detail());
    }

    @Test
    void alterTableAddForeignKeyChecksTheExistingRows() {
        a.rows("create table p (id int primary key)");
        a.rows("create table c (pid int)");
        a.rows("insert into p values (1)");
        a.rows("insert into c values (1), (2)");
        DatabaseException e = a.error("alter table c add constraint c_fk foreign key (pid) references p (id)");
        assertEquals("23503", e.sqlState());
        assertEquals("Key (pid)=(2) is not present in table \"p\".", e.detail());
        a.rows("delete from c where pid = 2");
        a.rows("alter table c add foreign key (pid) references p");
        assertEquals("23503", a.error("insert into c values (3)").sqlState());
    }

    @Test
    void aConcurrentDeleteOfTheParentMakesTheInsertFail() throws Exception {
        parentAndChild("");
        a.rows("begin");
        a.rows("delete from p where id = 2");
        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> b.error("insert into c values (30, 2)")
            .sqlState());
        Thread.sleep(150);
        assertFalse(other.isDone());
        a.rows("commit");
        assertEquals("23503", other.get(5, TimeUnit.SECONDS));
    }
}
