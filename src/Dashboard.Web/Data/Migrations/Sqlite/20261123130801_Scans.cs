using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Scans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AccessDeniedCount",
                table: "ScanRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "CallsMade",
                table: "ScanRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "CancelRequested",
                table: "ScanRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "CurrentUnit",
                table: "ScanRuns",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ErrorsSoFar",
                table: "ScanRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "ScanRuns",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LeaseUntil",
                table: "ScanRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RetryOfRunId",
                table: "ScanRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UnitsDone",
                table: "ScanRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "UnitsTotal",
                table: "ScanRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "AccessMethod",
                table: "Accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "CheckScope",
                table: "Accounts",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Enabled",
                table: "Accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "EndpointUrl",
                table: "Accounts",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Accounts",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HomeRegion",
                table: "Accounts",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile",
                table: "Accounts",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Regions",
                table: "Accounts",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RoleArn",
                table: "Accounts",
                type: "TEXT",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Schedule",
                table: "Accounts",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScheduleTimeZone",
                table: "Accounts",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            // Older installs may hold more than one active run per account; keep the newest, interrupt the rest,
            // so the unique index below can be created.
            migrationBuilder.Sql("UPDATE \"ScanRuns\" SET \"State\" = 4 WHERE \"State\" IN (0, 1) AND \"Id\" NOT IN (SELECT MAX(\"Id\") FROM \"ScanRuns\" WHERE \"State\" IN (0, 1) GROUP BY \"AccountId\");");

            migrationBuilder.CreateIndex(
                name: "IX_ScanRuns_OneActivePerAccount",
                table: "ScanRuns",
                column: "AccountId",
                unique: true,
                filter: "\"State\" IN (0, 1)");

            migrationBuilder.CreateIndex(
                name: "IX_ScanRuns_State_LeaseUntil",
                table: "ScanRuns",
                columns: new[] { "State", "LeaseUntil" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScanRuns_OneActivePerAccount",
                table: "ScanRuns");

            migrationBuilder.DropIndex(
                name: "IX_ScanRuns_State_LeaseUntil",
                table: "ScanRuns");

            migrationBuilder.DropColumn(
                name: "AccessDeniedCount",
                table: "ScanRuns");

            migrationBuilder.DropColumn(
                name: "CallsMade",
                table: "ScanRuns");

            migrationBuilder.DropColumn(
                name: "CancelRequested",
                table: "ScanRuns");

            migrationBuilder.DropColumn(
                name: "CurrentUnit",
                table: "ScanRuns");

            migrationBuilder.DropColumn(
                name: "ErrorsSoFar",
                table: "ScanRuns");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "ScanRuns");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "ScanRuns");

            migrationBuilder.DropColumn(
                name: "RetryOfRunId",
                table: "ScanRuns");

            migrationBuilder.DropColumn(
                name: "UnitsDone",
                table: "ScanRuns");

            migrationBuilder.DropColumn(
                name: "UnitsTotal",
                table: "ScanRuns");

            migrationBuilder.DropColumn(
                name: "AccessMethod",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "CheckScope",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Enabled",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "EndpointUrl",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "HomeRegion",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Profile",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Regions",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "RoleArn",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Schedule",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "ScheduleTimeZone",
                table: "Accounts");
        }
    }
}
