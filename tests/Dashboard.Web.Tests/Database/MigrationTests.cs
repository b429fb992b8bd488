using Dashboard.Web.Data;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Database;

/// <summary>Each provider has its own migration set, and each must cover the one model.</summary>
public class MigrationTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Migrations_CoverTheModel(DatabaseProvider provider)
    {
        using var factory = new DashboardAppFactory { Provider = provider, RunJobs = false };
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.False(db.Database.HasPendingModelChanges(),
            $"the {provider} migrations do not cover the model: add a migration to both providers with scripts/add-migration.sh <Name>");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void MigrationSet_LivesInTheProvidersOwnFolder(DatabaseProvider provider)
    {
        using var db = DesignTimeContext(provider);
        var migrations = db.GetService<IMigrationsAssembly>();
        Assert.NotEmpty(migrations.Migrations);
        Assert.All(migrations.Migrations.Values, type => Assert.Equal($"Dashboard.Web.Data.Migrations.{provider}", type.Namespace));
        Assert.Equal($"Dashboard.Web.Data.Migrations.{provider}", migrations.ModelSnapshot?.GetType().Namespace);
    }

    [Fact]
    public void Instants_AreIntegersOnSqliteAndTimestamptzOnPostgres()
    {
        using var sqlite = DesignTimeContext(DatabaseProvider.Sqlite);
        using var postgres = DesignTimeContext(DatabaseProvider.Postgres);
        var instants = sqlite.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
            .Where(p => Nullable.GetUnderlyingType(p.ClrType) == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset))
            .Select(p => (Entity: p.DeclaringType.Name, p.Name)).ToList();
        Assert.Contains(instants, p => p.Name == nameof(Finding.LastSeen));

        foreach (var (entity, name) in instants)
        {
            Assert.Equal("INTEGER", sqlite.Model.FindEntityType(entity)!.FindProperty(name)!.GetColumnType());
            var property = postgres.Model.FindEntityType(entity)!.FindProperty(name)!;
            Assert.Equal("timestamp with time zone", property.GetColumnType());
            Assert.Null(property.GetValueConverter());
        }
    }

    [Theory]
    [PostgresData]
    public async Task Postgres_StoresInstantsAsTimestamptzAndReadsThemBack(DatabaseProvider provider)
    {
        using var factory = new DashboardAppFactory { Provider = provider, RunJobs = false };
        var at = new DateTimeOffset(2026, 11, 2, 9, 30, 15, 123, TimeSpan.Zero);
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            db.Accounts.Add(new CloudAccount { AwsAccountId = "123456789012", Name = "A", CreatedAt = at });
            await db.SaveChangesAsync();
        }

        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var columnType = await db.Database.SqlQuery<string>(
                $"SELECT data_type AS \"Value\" FROM information_schema.columns WHERE table_name = 'Accounts' AND column_name = 'CreatedAt'").SingleAsync();
            Assert.Equal("timestamp with time zone", columnType);
            Assert.Equal(at, (await db.Accounts.SingleAsync()).CreatedAt);
            Assert.Equal(1, await db.Accounts.CountAsync(a => a.CreatedAt > at.AddSeconds(-1) && a.CreatedAt < at.AddSeconds(1)));
        }
    }

    private static AppDbContext DesignTimeContext(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres
            ? new PostgresDesignTimeFactory().CreateDbContext([])
            : new SqliteDesignTimeFactory().CreateDbContext([]);
}
