using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhonePlatform.Data.Migrations
{
    /// <inheritdoc />
    public partial class S2SmsMessageCarrier : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Carrier",
                table: "Messages",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Carrier",
                table: "Messages");
        }
    }
}
