variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "prod"
}

variable "teams" {
  description = "Data-science teams that get a notebook from the shared module."
  type        = map(object({ instance_type = string, hardened = bool }))
  default = {
    fraud = { instance_type = "ml.t3.large", hardened = true }
    churn = { instance_type = "ml.t3.medium", hardened = false }
  }
}
