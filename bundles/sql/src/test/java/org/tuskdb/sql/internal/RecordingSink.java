package org.tuskdb.sql.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.sql.ColumnDescription;
import org.tuskdb.api.sql.ResultSink;

/** A ResultSink that remembers every message, for assertions. */
final class RecordingSink implements ResultSink {
    final List<List<ColumnDescription>> descriptions = new ArrayList<>();
    final List<byte[][]> rows = new ArrayList<>();
    final List<String> tags = new ArrayList<>();
    final List<DatabaseException> notices = new ArrayList<>();
    final List<String[]> parameterStatus = new ArrayList<>();
    /** Headers and rows in arrival order, as psql -A prints them. */
    final List<String> printed = new ArrayList<>();
    int emptyQueries;

    @Override
    public void rowDescription(List<ColumnDescription> columns) {
        descriptions.add(columns);
        printed.add(String.join("|", columns.stream().map(ColumnDescription::name).toList()));
    }

    @Override
    public void dataRow(byte[][] values) {
        rows.add(values);
        printed.add(row(rows.size() - 1));
    }
    @Override public void commandComplete(String tag) { tags.add(tag); }
    @Override public void emptyQuery() { emptyQueries++; }
    @Override public void notice(DatabaseException notice) { notices.add(notice); }
    @Override public void parameterStatus(String name, String value) { parameterStatus.add(new String[] {name, value}); }

    /** Row r as psql -At prints it: text values joined by |, NULL as empty. */
    String row(int r) {
        StringBuilder sb = new StringBuilder();
        byte[][] row = rows.get(r);
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                sb.append('|');
            }
            if (row[i] != null) {
                sb.append(new String(row[i], StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }

    String value() {
        return row(rows.size() - 1);
    }

    List<String> allRows() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(row(i));
        }
        return out;
    }

    List<String> columnNames() {
        return descriptions.get(descriptions.size() - 1).stream().map(ColumnDescription::name).toList();
    }

    void clear() {
        descriptions.clear();
        rows.clear();
        tags.clear();
        notices.clear();
        parameterStatus.clear();
        emptyQueries = 0;
    }
}
