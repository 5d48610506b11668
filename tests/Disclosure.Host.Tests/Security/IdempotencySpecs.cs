using Alba;
using Disclosure.Host.Cases;
using Npgsql;
using Wolverine;

namespace Disclosure.Host.Tests.Security;

/// <summary>
/// Idempotency records keep no secret in plain text (issue #24): the query code (查询码) and the repeat report of an intake's
/// answer are sealed with Data Protection, the records expire after a day and are purged by a scheduled job.
/// </summary>
public class IdempotencySpecs(AppFixture fixture) : Applications.ApplicationScenario(fixture)
{
    [Fact]
    public async Task No_text_column_of_the_database_holds_the_query_code_and_a_replay_still_returns_the_same_answer()
    {
        var answers = new List<Reply>();
        for (var i = 1; i <= 3; i++)
            answers.Add((await Post(Base, Intake(), headers: new Dictionary<string, string> { ["Idempotency-Key"] = $"intake-{i}" })).ShouldBe(201));
        answers.Add((await Post($"/api/agencies/{Agency}/letters", new
        {
            channel = "online", category = "complaint", subject = "噪音投诉", body = "夜间施工",
            writer = new { name = "钱七", phone = "13812345678" }, receivedOn = "2025-06-03",
        }, headers: new Dictionary<string, string> { ["Idempotency-Key"] = "letter-1" })).ShouldBe(201));
        Assert.Equal(4, await Rows("select count(*) from disclosure.mt_doc_idempotencyrecord"));
        Assert.Contains("sameApplicantInWindow", answers[2].Body); // the answer carries the repeat report

        foreach (var code in answers.Select(a => a.Str("queryCode")))
            Assert.Empty(await ColumnsHolding(code));
        Assert.Empty(await ColumnsHolding("sameApplicantInWindow"));

        for (var i = 1; i <= 3; i++)
            Assert.Equal(answers[i - 1].Body, (await Post(Base, Intake(), headers: new Dictionary<string, string> { ["Idempotency-Key"] = $"intake-{i}" })).ShouldBe(201).Body);
        Assert.Equal(4, await Rows("select count(*) from disclosure.mt_events where type in ('application_received', 'letter_received')")); // no second case
    }

    [Fact]
    public async Task An_expired_record_is_purged_by_the_scheduled_job_and_a_fresh_one_is_kept()
    {
        (await Post(Base, Intake(), headers: new Dictionary<string, string> { ["Idempotency-Key"] = "old" })).ShouldBe(201);
        Clock.Now = TestClock.Start.AddHours(23);
        (await Post(Base, Intake(), headers: new Dictionary<string, string> { ["Idempotency-Key"] = "young" })).ShouldBe(201);

        Clock.Now = TestClock.Start.AddHours(24).AddMinutes(1);
        var purged = await Host.MessageBus().InvokeAsync<PurgeResult>(new PurgeIdempotencyRecords());
        Assert.Equal(1, purged.Purged);
        var ids = await Strings("select id from disclosure.mt_doc_idempotencyrecord");
        Assert.Equal(["young"], ids);
    }

    /// <summary>Every text, JSON and byte column of every table holding <paramref name="secret"/>, as "table.column".</summary>
    private static async Task<List<string>> ColumnsHolding(string secret)
    {
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using var conn = new NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using (var cmd = new NpgsqlCommand("""
            select c.table_schema, c.table_name, c.column_name, c.data_type from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
            where c.table_schema not in ('pg_catalog', 'information_schema')
              and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'xml', 'ARRAY')
            """, conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        Assert.Contains(columns, c => c.Table == "mt_doc_idempotencyrecord");
        var found = new List<string>();
        foreach (var (schema, table, column, type) in columns)
        {
            var value = type == "bytea" ? $"position(convert_to(@s, 'UTF8') in \"{column}\") > 0" : $"\"{column}\"::text like '%' || @s || '%'";
            await using var probe = new NpgsqlCommand($"select exists (select 1 from \"{schema}\".\"{table}\" where {value})", conn);
            probe.Parameters.AddWithValue("s", secret);
            if ((bool)(await probe.ExecuteScalarAsync())!) found.Add($"{table}.{column}");
        }
        return found;
    }

    private static async Task<long> Rows(string sql)
    {
        await using var conn = new NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> Strings(string sql)
    {
        await using var conn = new NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        var values = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
