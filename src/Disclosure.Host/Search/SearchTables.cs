using Marten;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Disclosure.Host.Search;

/// <summary>
/// The read models of search and repeat finding, as tables Marten creates and migrates with the rest of the schema
/// (<c>db-apply</c>, <c>db-assert</c>), filled by <see cref="SearchIndexProjection"/>. Only what PostgreSQL 15 from Debian ships:
/// <c>pg_trgm</c> narrows <c>LIKE '%…%'</c> of three characters or more (it needs a UTF-8 ctype: ops/pg refuses <c>C</c>),
/// a <c>tsvector</c> of single characters and character pairs serves the one- and two-character terms pg_trgm cannot
/// narrow (合同, 征收), <c>btree_gin</c> puts the agency into both GIN indexes so one agency's matches are found without
/// touching another's. Identities are kept only as keyed hashes (<see cref="ApplicantKeyProtector"/>).
/// </summary>
public sealed class SearchTables(string schema)
{
    public string Schema { get; } = schema;

    /// <summary>One row per application or letter: what is shown in a result, what is searched, the repeat keys.</summary>
    public string Cases { get; } = $"{schema}.search_cases";
    /// <summary>One row per identity of an application's applicant (a keyed hash), with the receipt date.</summary>
    public string ApplicantKeys { get; } = $"{schema}.search_applicant_keys";
    /// <summary>Applications per applicant identity and period: a natural month (yyyy-MM) or a year (yyyy).</summary>
    public string ApplicantCounts { get; } = $"{schema}.applicant_request_counts";
    /// <summary>
    /// Per agency, how many of its indexed applications carry each similarity key (<c>cases</c>), counted up to
    /// <see cref="SearchSettings.FrequentKeyCases"/> and kept there: a key at the mark (a campaign's model text, boilerplate
    /// such as 申请公开……的……) says nothing about which earlier request a new one repeats, and the repeat check lets only
    /// the rarer keys choose candidates. A key under the mark is counted as the similarity index holds it (the rows holding it
    /// in <c>distinctive_keys</c>); a key no row carries has no row (<see cref="SearchIndexProjection"/>).
    /// </summary>
    public string KeyCounts { get; } = $"{schema}.search_key_counts";

    /// <summary>The index's tables, each with the agency's column (tenant_id).</summary>
    public IReadOnlyList<string> All => [Cases, ApplicantKeys, ApplicantCounts, KeyCounts];

    /// <summary>
    /// The shard (of <paramref name="shards"/>) an agency's cases are indexed by: the first byte of the MD5 of its id (UTF-8),
    /// modulo the count — the same in every process and in SQL (<see cref="ShardView"/>), unlike string.GetHashCode.
    /// </summary>
    public static int ShardOf(string agency, int shards) =>
        System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(agency))[0] % shards;

    /// <summary>A view of one shard's rows of an index table: what that shard's rebuild deletes (PostgreSQL deletes through a simple view).</summary>
    public string ShardView(string table, int shard, int shards) => $"{table}_shard{shard + 1}of{shards}";

    public void Register(StoreOptions opts, int shards = 1)
    {
        opts.Storage.ExtendedSchemaObjects.Add(new Extension("pg_trgm"));
        opts.Storage.ExtendedSchemaObjects.Add(new Extension("btree_gin"));
        opts.Storage.ExtendedSchemaObjects.Add(CasesTable());
        opts.Storage.ExtendedSchemaObjects.Add(KeysTable());
        opts.Storage.ExtendedSchemaObjects.Add(CountsTable());
        opts.Storage.ExtendedSchemaObjects.Add(KeyCountsTable());
        if (shards == 1) return;
        // md5(text) hashes the text's UTF-8 bytes (the database's encoding, ops/pg): the same shard as ShardOf
        foreach (var table in All)
            for (var shard = 0; shard < shards; shard++)
                opts.Storage.ExtendedSchemaObjects.Add(new Weasel.Postgresql.Views.View(ShardView(table, shard, shards),
                    $"select * from {table} where get_byte(decode(md5(tenant_id), 'hex'), 0) % {shards} = {shard}"));
    }

    private Table CasesTable()
    {
        var t = new Table(new PostgresqlObjectName(Schema, "search_cases", SchemaUtils.IdentifierUsage.General));
        // room on each page for the row's next version: a step re-indexes its case with the same texts and keys, and with
        // space beside the row PostgreSQL updates it in place (HOT) without touching the five indexes — measured on 20,000
        // rows like these, ~2,000 single-row updates took 1,589 ms at fillfactor 100 (no HOT: 64 keys into the similarity
        // index each) and 66 ms at 70 (all HOT); the bench's search_cases had 408 HOT of 2,396 updates at 100
        t.FillFactor = 70;
        t.AddColumn<Guid>("id").AsPrimaryKey();
        t.AddColumn<string>("tenant_id").NotNull();
        t.AddColumn<string>("kind").NotNull();
        t.AddColumn<string>("tracking_number").NotNull();
        t.AddColumn<string>("status").NotNull();
        t.AddColumn("received_on", "date").NotNull();
        t.AddColumn<int>("received_year").NotNull();
        t.AddColumn<string>("channel").NotNull();
        t.AddColumn<string>("applicant_category");
        t.AddColumn<string>("outcome");
        t.AddColumn<string>("department");
        t.AddColumn<bool>("answered").NotNull();
        // shown in a result (personal data: blanked when the case's personal data is erased)
        t.AddColumn<string>("applicant_name").NotNull();
        t.AddColumn<string>("title");
        t.AddColumn("body", "text").NotNull();
        t.AddColumn("notes", "text");
        // searched: SearchText.Normalise of the tracking number and the name, and of every field, each padded with spaces
        t.AddColumn("key_text", "text").NotNull();
        t.AddColumn("search_text", "text").NotNull();
        t.AddColumn("terms", "tsvector").NotNull();
        // the request's SimilarityKeys (applications): the index hands the repeat finder the requests most like a new one
        t.AddColumn("similarity_keys", "integer[]");
        // of those, the keys that were still rare in the agency when the row was written (fewer than FrequentKeyCases of its
        // applications carried them): the only keys the repeat check ever looks up (a frequent key chooses no candidates), so
        // the only ones its GIN index holds. A templated or campaign text's 64 keys are nearly all frequent, and each key put
        // into the index appended to that key's posting tree — ~500 bytes of WAL a key, ~32 kB per intake, most of the bench's
        // WAL and the dearest statement of the daemon (README "Intake with the repeat check")
        t.AddColumn("distinctive_keys", "integer[]");
        t.Indexes.Add(new IndexDefinition("ix_search_cases_terms") { Method = IndexMethod.gin, Columns = ["tenant_id", "terms"] });
        t.Indexes.Add(new IndexDefinition("ix_search_cases_text") { Method = IndexMethod.gin, Columns = ["tenant_id", "search_text gin_trgm_ops"] });
        // without GIN's pending list: every repeat check at intake scans this index, and a scan reads the whole pending list
        // (up to gin_pending_list_limit, 4 MB: thousands of rows × 64 keys) — measured on the bench database, the
        // similar-text query took 19.8 ms with 177 pending pages and 0.9 ms without; each new row's 64 keys go straight into
        // the index instead (the daemon's cost, off the intake's path). That cost, measured on the province bench's 10 %
        // (its 15,056 rows inserted 100 at a time into a copy with this index alone, backend CPU): 1.8–2.4 s with fastupdate
        // off, 1.35–1.4 s with it on (pending list 4 MB, 1 MB or 256 kB), 0.3 s for the rows alone, ~1.1 s with either other
        // GIN index alone; the search index's dearest statement was the key counts' upsert (4.5–5.2 s for its 614,044 keys; only
        // the frequent keys are stored now, a rarer one counted through this index).
        // Kept off: 3–5 % of the catch-up's CPU (host and PostgreSQL ~18 s) is not worth a pending list in every repeat check
        var similarity = new IndexDefinition("ix_search_cases_similarity") { Method = IndexMethod.gin, Columns = ["distinctive_keys"] };
        similarity.StorageParameters["fastupdate"] = "off";
        t.Indexes.Add(similarity);
        t.Indexes.Add(new IndexDefinition("ix_search_cases_received") { Columns = ["tenant_id", "received_on"] });
        return t;
    }

    private Table KeysTable()
    {
        var t = new Table(new PostgresqlObjectName(Schema, "search_applicant_keys", SchemaUtils.IdentifierUsage.General));
        t.AddColumn<Guid>("case_id").AsPrimaryKey();
        t.AddColumn<string>("applicant_key").AsPrimaryKey();
        t.AddColumn<string>("tenant_id").NotNull();
        t.AddColumn<string>("basis").NotNull();
        t.AddColumn("received_on", "date").NotNull();
        t.Indexes.Add(new IndexDefinition("ix_search_applicant_keys_key") { Columns = ["tenant_id", "applicant_key", "received_on"] });
        return t;
    }

    private Table CountsTable()
    {
        var t = new Table(new PostgresqlObjectName(Schema, "applicant_request_counts", SchemaUtils.IdentifierUsage.General));
        t.AddColumn<string>("tenant_id").AsPrimaryKey();
        t.AddColumn<string>("applicant_key").AsPrimaryKey();
        t.AddColumn<string>("period").AsPrimaryKey();
        t.AddColumn<string>("basis").NotNull();
        t.AddColumn<int>("requests").NotNull();
        return t;
    }

    private Table KeyCountsTable()
    {
        var t = new Table(new PostgresqlObjectName(Schema, "search_key_counts", SchemaUtils.IdentifierUsage.General));
        t.AddColumn<string>("tenant_id").AsPrimaryKey();
        t.AddColumn<int>("similarity_key").AsPrimaryKey();
        t.AddColumn<int>("cases").NotNull();
        return t;
    }
}
