using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.Web.Data;

/// <summary>The database engines the dashboard runs on (configuration key <c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded, one process: the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by several web and worker nodes.</summary>
    Postgres,
}

/// <summary>The model on SQLite; its migrations are in Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

/// <summary>The model on PostgreSQL; its migrations are in Data/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);

public static class DatabaseProviders
{
    /// <summary>Points <paramref name="options"/> at the provider; the one place that names a provider's EF package.</summary>
    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Postgres => options.UseNpgsql(connectionString),
        _ => options.UseSqlite(connectionString),
    };

    /// <summary>Registers <c>IDbContextFactory&lt;AppDbContext&gt;</c> (and a scoped <see cref="AppDbContext"/> for
    /// Identity's stores and the data protection key store) on the provider's own context type.</summary>
    public static IServiceCollection AddAppDbContext(this IServiceCollection services, DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Postgres => services.AddAppDbContext<PostgresAppDbContext>(provider, connectionString),
        _ => services.AddAppDbContext<SqliteAppDbContext>(provider, connectionString),
    };

    private static IServiceCollection AddAppDbContext<TContext>(this IServiceCollection services, DatabaseProvider provider, string connectionString)
        where TContext : AppDbContext
    {
        // The explorer counts up to a cap with Take and no OrderBy on purpose (FindingsQuery.CountCap): not worth a warning per page.
        services.AddDbContextFactory<TContext>(options => options.Use(provider, connectionString)
            .ConfigureWarnings(w => w.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning)));
        services.AddSingleton<IDbContextFactory<AppDbContext>, AppDbContextFactory<TContext>>();
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<TContext>());
        return services;
    }

    private sealed class AppDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}

/// <summary>For dotnet-ef (scripts/add-migration.sh): builds the SQLite model without opening a database.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) => new(DesignTime.Options<SqliteAppDbContext>(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
}

/// <summary>For dotnet-ef (scripts/add-migration.sh): builds the PostgreSQL model without opening a database.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) => new(DesignTime.Options<PostgresAppDbContext>(DatabaseProvider.Postgres, "Host=localhost;Database=design-time"));
}

internal static class DesignTime
{
    /// <summary>
    /// Identity shapes its part of the model from IdentityOptions in the app's services; without them it would
    /// fall back to its oldest table layout and every new migration would drop the passkeys table.
    /// </summary>
    public static DbContextOptions<TContext> Options<TContext>(DatabaseProvider provider, string connectionString)
        where TContext : AppDbContext
    {
        var services = new ServiceCollection()
            .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = Hosting.AuthSetup.IdentitySchemaVersion)
            .BuildServiceProvider();
        var options = new DbContextOptionsBuilder<TContext>().UseApplicationServiceProvider(services);
        options.Use(provider, connectionString);
        return options.Options;
    }
}
